"""Every state change a user can cause in the community app, one function each."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from machina.apps.forum_conversation.models import Topic
from wagtail.log_actions import log

from . import permissions, signals
from .models import (
    Idea,
    IdeaStatus,
    IdeaStatusChange,
    IdeaVote,
    TesterApplication,
    TesterApplicationStatus,
    VariantVote,
)


class ActionRefused(Exception):
    """A request that cannot be carried out, with a message for the user and an HTTP status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def _require_participation(campaign, user):
    if not user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_take_part(user, campaign):
        raise ActionRefused(_("This campaign is not open: nothing was changed."), status=403)


def _on_commit_send(signal, **kwargs):
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))


@transaction.atomic
def do_cast_variant_vote(campaign, question_id, variant_id, *, acting_user):
    """Record or change `acting_user`'s vote on one question of an open campaign."""
    _require_participation(campaign, acting_user)
    question = campaign.variant_questions.get(question_id)
    if question is None:
        raise ActionRefused(_("This question does not exist on this campaign."), status=404)
    if variant_id not in {variant.id for variant in question["variants"].bound_blocks}:
        raise ActionRefused(_("Choose one of the variants shown."))
    lookup = {"page": campaign, "question_id": question_id, "voter": acting_user}
    # The row lock makes a voter's concurrent votes take turns, so exactly one of them sees no
    # previous vote; when two first votes race, the unique constraint turns the loser into a change.
    vote = VariantVote.objects.select_for_update().filter(**lookup).first()
    changed = vote is not None
    if vote is None:
        try:
            with transaction.atomic():
                vote = VariantVote.objects.create(variant_id=variant_id, **lookup)
        except IntegrityError:
            vote = VariantVote.objects.select_for_update().get(**lookup)
            changed = True
    if changed:
        vote.variant_id = variant_id
        vote.save(update_fields=["variant_id", "updated_at"])
    log(
        instance=vote,
        action="community.variant_vote.cast",
        user=acting_user,
        data={"question_id": question_id, "variant_id": variant_id},
    )
    _on_commit_send(signals.variant_vote_cast, vote=vote, changed=changed)
    return vote


@transaction.atomic
def do_apply_as_tester(
    campaign, call_id, *, acting_user, motivation, availability, consent_to_contact
):
    """File `acting_user`'s application to a tester call; one per user and call."""
    _require_participation(campaign, acting_user)
    if not consent_to_contact:
        raise ActionRefused(_("We can only select testers who agree to be contacted."))
    if call_id not in campaign.tester_calls:
        raise ActionRefused(_("This tester call does not exist on this campaign."), status=404)
    try:
        with transaction.atomic():
            application = TesterApplication.objects.create(
                page=campaign,
                call_id=call_id,
                applicant=acting_user,
                motivation=motivation,
                availability=availability,
                consent_to_contact=consent_to_contact,
            )
    except IntegrityError:
        raise ActionRefused(_("You have already applied to this call."), status=409) from None
    log(instance=application, action="community.tester_application.submit", user=acting_user)
    _on_commit_send(signals.tester_application_submitted, application=application)
    return application


@transaction.atomic
def do_decide_tester_application(application, status, *, acting_user):
    """Select or decline an application; the applicant is told once this commits."""
    if not permissions.can_decide_tester_applications(acting_user):
        raise PermissionDenied
    if status not in (TesterApplicationStatus.SELECTED, TesterApplicationStatus.DECLINED):
        raise ActionRefused(_("Choose to select or to decline."))
    application = TesterApplication.objects.select_for_update().get(pk=application.pk)
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = acting_user
    application.save(update_fields=["status", "decided_at", "decided_by"])
    log(
        instance=application,
        action=f"community.tester_application.{status}",
        user=acting_user,
    )
    _on_commit_send(signals.tester_application_decided, application=application)
    return application


def idea_topic(topic_id):
    """The topic (with its forum) whose idea is voted on, or a 404 refusal."""
    topic = Topic.objects.select_related("forum").filter(pk=topic_id).first()
    if topic is None:
        raise ActionRefused(_("This idea does not exist."), status=404)
    return topic


def _require_idea_vote(topic, user):
    if not user.is_authenticated:
        raise PermissionDenied
    refusal = permissions.idea_vote_refusal(user, topic)
    if refusal is not None:
        raise ActionRefused(refusal, status=403)


@transaction.atomic
def do_vote_for_idea(topic, *, acting_user):
    """Upvote `topic`'s idea once; voting again changes nothing. Returns the idea."""
    _require_idea_vote(topic, acting_user)
    Idea.objects.get_or_create(topic=topic)
    # Locking the idea makes votes on it take turns, so the counter moves with each insert; the
    # unique constraint is the last word if a second vote of the same voter gets through anyway.
    idea = Idea.objects.select_for_update().get(pk=topic.pk)
    try:
        with transaction.atomic():
            vote = IdeaVote.objects.create(idea=idea, voter=acting_user)
    except IntegrityError:
        return idea
    Idea.objects.filter(pk=idea.pk).update(votes_count=F("votes_count") + 1)
    idea.refresh_from_db(fields=["votes_count"])
    log(instance=idea, action="community.idea.vote", user=acting_user)
    _on_commit_send(signals.idea_voted, vote=vote)
    return idea


@transaction.atomic
def do_withdraw_idea_vote(topic, *, acting_user):
    """Withdraw `acting_user`'s upvote of `topic`'s idea, if any. Returns the idea."""
    _require_idea_vote(topic, acting_user)
    idea = Idea.objects.select_for_update().filter(pk=topic.pk).first()
    if idea is None:
        return Idea(topic=topic)
    deleted, _counts = IdeaVote.objects.filter(idea=idea, voter=acting_user).delete()
    if not deleted:
        return idea
    Idea.objects.filter(pk=idea.pk).update(votes_count=F("votes_count") - 1)
    idea.refresh_from_db(fields=["votes_count"])
    log(instance=idea, action="community.idea.unvote", user=acting_user)
    _on_commit_send(signals.idea_vote_withdrawn, idea=idea, voter=acting_user)
    return idea


IDEA_STATUS_REASON_MAX_LENGTH = 1000


def _check_idea_status(idea, status, reason):
    current = idea.status or IdeaStatus.objects.default()
    if current is not None and current.pk == status.pk:
        raise ActionRefused(
            _("This idea is already “%(status)s”: nothing was changed.") % {"status": status}
        )
    if status.requires_reason and not reason:
        raise ActionRefused(
            _("The status “%(status)s” needs a public reason: nothing was changed.")
            % {"status": status}
        )
    if len(reason) > IDEA_STATUS_REASON_MAX_LENGTH:
        raise ActionRefused(
            _("Keep the reason to %(max)d characters at most: nothing was changed.")
            % {"max": IDEA_STATUS_REASON_MAX_LENGTH}
        )
    return current


@transaction.atomic
def do_set_idea_status(topic, status, *, reason="", acting_user):
    """Give `topic`'s idea a new status with its public reason (moderators and editors)."""
    if not acting_user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_set_idea_status(acting_user):
        raise ActionRefused(_("Only moderators and editors change the status of ideas."), 403)
    reason = (reason or "").strip()
    Idea.objects.get_or_create(topic=topic)
    idea = Idea.objects.select_for_update().get(pk=topic.pk)
    previous = _check_idea_status(idea, status, reason)
    idea.status = status
    idea.save(update_fields=["status"])
    change = IdeaStatusChange.objects.create(
        idea=idea, status=status, reason=reason, changed_by=acting_user
    )
    log(
        instance=idea,
        action="community.idea.status",
        user=acting_user,
        data={"status": status.slug, "previous": previous.slug if previous else None},
    )
    _on_commit_send(signals.idea_status_changed, idea=idea, change=change, previous=previous)
    return idea

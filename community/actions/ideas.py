"""Actions on ideas: votes and statuses."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from machina.apps.forum_conversation.models import Topic
from wagtail.log_actions import log

from .. import permissions, signals
from ..models import Idea, IdeaStatus, IdeaStatusChange, IdeaVote
from .base import (
    VOTING_TOO_FAST,
    ActionRefused,
    on_commit_send,
    require_current_consent,
    require_not_banned,
    require_within_rate_limit,
)


def idea_topic(topic_id):
    """The topic (with its forum) whose idea is voted on, or a 404 refusal."""
    topic = Topic.objects.select_related("forum").filter(pk=topic_id).first()
    if topic is None:
        raise ActionRefused(_("This idea does not exist."), status=404)
    return topic


def _require_idea_vote(topic, user):
    if not user.is_authenticated:
        raise PermissionDenied
    require_not_banned(user)
    refusal = permissions.idea_vote_refusal(user, topic)
    if refusal is not None:
        raise ActionRefused(refusal, status=403)
    require_within_rate_limit(user, "vote", VOTING_TOO_FAST)


@transaction.atomic
def do_vote_for_idea(topic, *, acting_user):
    """Upvote `topic`'s idea once; voting again changes nothing. Returns the idea."""
    _require_idea_vote(topic, acting_user)
    require_current_consent(acting_user)
    Idea.objects.get_or_create(topic=topic)
    # Locking the idea makes votes on it take turns, so the counter moves with each insert; the
    # unique constraint is the last word if a second vote of the same voter gets through anyway.
    idea = Idea.objects.select_for_update().get(pk=topic.pk)
    # Read under the lock: a merge that committed while this vote waited moved the idea's votes.
    refusal = permissions.merged_idea_refusal(idea)
    if refusal is not None:
        raise ActionRefused(refusal, status=403)
    try:
        with transaction.atomic():
            vote = IdeaVote.objects.create(idea=idea, voter=acting_user)
    except IntegrityError:
        return idea
    Idea.objects.filter(pk=idea.pk).update(votes_count=F("votes_count") + 1)
    idea.refresh_from_db(fields=["votes_count"])
    log(instance=idea, action="community.idea.vote", user=acting_user)
    on_commit_send(signals.idea_voted, vote=vote)
    return idea


def take_back_idea_votes(voter, idea_ids):
    """Delete `voter`'s votes for the ideas of `idea_ids`, each taken from its idea's count.

    The ideas are locked first, in one order, so the counter moves with the rows as a vote does.
    Returns the ids of the ideas that lost a vote. The caller is atomic.
    """
    ideas = Idea.objects.select_for_update().filter(pk__in=idea_ids).order_by("pk")
    locked = list(ideas.values_list("pk", flat=True))
    votes = IdeaVote.objects.filter(idea__in=locked, voter=voter)
    voted = set(votes.values_list("idea_id", flat=True))
    votes.delete()
    # One vote per voter and idea (a constraint): each of these ideas loses exactly one.
    Idea.objects.filter(pk__in=voted).update(votes_count=F("votes_count") - 1)
    return voted


@transaction.atomic
def do_withdraw_idea_vote(topic, *, acting_user):
    """Withdraw `acting_user`'s upvote of `topic`'s idea, if any. Returns the idea."""
    _require_idea_vote(topic, acting_user)
    withdrawn = take_back_idea_votes(acting_user, [topic.pk])
    idea = Idea.objects.filter(pk=topic.pk).first()
    if idea is None:
        return Idea(topic=topic)
    if not withdrawn:
        return idea
    log(instance=idea, action="community.idea.unvote", user=acting_user)
    on_commit_send(signals.idea_vote_withdrawn, idea=idea, voter=acting_user)
    return idea


IDEA_STATUS_REASON_MAX_LENGTH = 1000


def _check_idea_status(idea, status, reason, *, allow_same=False):
    current = idea.status or IdeaStatus.objects.default()
    if not allow_same and current is not None and current.pk == status.pk:
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


def record_idea_status(idea, status, *, reason, acting_user, allow_same=False):
    """Give the locked `idea` `status`: public history row and audit entry; returns both ends.

    The caller locks the idea and sends the signal that fits (a merge sends its own).
    """
    previous = _check_idea_status(idea, status, reason, allow_same=allow_same)
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
    return change, previous


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
    change, previous = record_idea_status(idea, status, reason=reason, acting_user=acting_user)
    on_commit_send(signals.idea_status_changed, idea=idea, change=change, previous=previous)
    return idea

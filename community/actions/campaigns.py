"""Actions on campaigns: variant votes and tester applications."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import permissions, signals
from ..models import TesterApplication, TesterApplicationStatus, VariantVote
from .base import (
    VOTING_TOO_FAST,
    ActionRefused,
    on_commit_send,
    require_participation,
    require_within_rate_limit,
)


@transaction.atomic
def do_cast_variant_vote(campaign, question_id, variant_id, *, acting_user):
    """Record or change `acting_user`'s vote on one question of an open campaign."""
    require_participation(campaign, acting_user)
    require_within_rate_limit(acting_user, "vote", VOTING_TOO_FAST)
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
    on_commit_send(signals.variant_vote_cast, vote=vote, changed=changed)
    return vote


@transaction.atomic
def do_apply_as_tester(
    campaign, call_id, *, acting_user, motivation, availability, consent_to_contact
):
    """File `acting_user`'s application to a tester call; one per user and call."""
    require_participation(campaign, acting_user)
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
    on_commit_send(signals.tester_application_submitted, application=application)
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
    on_commit_send(signals.tester_application_decided, application=application)
    return application

"""Actions on a story's consent: ask its contributors, record their answers, override them."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import permissions
from ..models import (
    CommunityStoryPage,
    ConsentState,
    ContributorConsentTask,
    NotificationKind,
    StoryConsent,
)
from .base import ActionRefused
from .notifications import do_notify


def _current_contributor_ids(story):
    """Who the latest version of `story` quotes or credits, among existing active accounts."""
    latest = story.get_latest_revision_as_object()
    ids = latest.contributor_ids
    active = set(
        get_user_model().objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True)
    )
    return [user_id for user_id in ids if user_id in active]


def request_story_consents(story, *, acting_user=None):
    """Ask each contributor of `story` not asked yet; returns how many answers are awaited.

    Called when the story enters the consent task, inside Wagtail's workflow transaction.
    """
    contributors = _current_contributor_ids(story)
    known = set(StoryConsent.objects.filter(story_id=story.pk).values_list("user_id", flat=True))
    new = [user_id for user_id in contributors if user_id not in known]
    StoryConsent.objects.bulk_create(
        [StoryConsent(story_id=story.pk, user_id=user_id) for user_id in new],
        ignore_conflicts=True,
    )
    if new:
        log(
            instance=story,
            action="community.story.consent_request",
            user=acting_user,
            data={"contributors": new},
        )
        do_notify(
            new,
            NotificationKind.CONSENT_REQUEST,
            page_id=story.pk,
            actor=acting_user,
            subject=story.title,
        )
    return StoryConsent.objects.filter(
        story_id=story.pk, user_id__in=contributors, state=ConsentState.REQUESTED
    ).count()


def finish_consent_task_if_answered(story, acting_user=None):
    """Move `story` past its consent step once no contributor it names is still to answer."""
    task_state = story.current_workflow_task_state
    if task_state is None or not isinstance(task_state.task.specific, ContributorConsentTask):
        return False
    contributors = _current_contributor_ids(story)
    waiting = StoryConsent.objects.filter(
        story_id=story.pk, user_id__in=contributors, state=ConsentState.REQUESTED
    )
    if waiting.exists():
        return False
    task_state.approve(user=acting_user, comment=_("Every contributor answered."))
    return True


def _locked_consents(story):
    # Locking every consent of the story makes answers take turns, so the last one sees the rest.
    return {
        consent.user_id: consent
        for consent in StoryConsent.objects.select_for_update().filter(story_id=story.pk)
    }


@transaction.atomic
def do_answer_story_consent(story, *, acting_user, accept):
    """A contributor lets `story` name them (accept) or asks to be shown as anonymous."""
    if not acting_user.is_authenticated:
        raise PermissionDenied
    consent = _locked_consents(story).get(acting_user.pk)
    if consent is None:
        raise ActionRefused(_("This story does not ask for your consent."), 404)
    if not consent.is_pending:
        raise ActionRefused(_("You already answered for this story: nothing was changed."), 400)
    consent.state = ConsentState.ACCEPTED if accept else ConsentState.DECLINED
    consent.decided_at = timezone.now()
    consent.save(update_fields=["state", "decided_at"])
    log(
        instance=story,
        action="community.story.consent_accept" if accept else "community.story.consent_decline",
        user=acting_user,
        data={"contributor": acting_user.pk},
    )
    finish_consent_task_if_answered(story)
    return consent


@transaction.atomic
def do_override_story_consents(story_id, *, acting_user, note):
    """An editor goes on without the contributors who have not answered, saying why."""
    if not acting_user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_override_story_consent(acting_user):
        raise ActionRefused(_("Only editors override the consent of contributors."), 403)
    note = (note or "").strip()
    if not note:
        raise ActionRefused(_("Say in a note why you go on without their answer."), 400)
    story = CommunityStoryPage.objects.get(pk=story_id)
    consents = _locked_consents(story)
    contributors = _current_contributor_ids(story)
    overridden = [
        consents[user_id]
        for user_id in contributors
        if user_id in consents and consents[user_id].is_pending
    ]
    for consent in overridden:
        consent.state = ConsentState.OVERRIDDEN
        consent.decided_at = timezone.now()
        consent.note = note[:1000]
        consent.override_by = acting_user
        consent.save(update_fields=["state", "decided_at", "note", "override_by"])
        log(
            instance=story,
            action="community.story.consent_override",
            user=acting_user,
            data={"contributor": consent.user_id, "note": consent.note},
        )
    finish_consent_task_if_answered(story, acting_user)
    return overridden

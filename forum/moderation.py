"""machina's approve and disapprove views, deciding through the moderation queue's actions.

A post counts once it is visible: when created approved, or when a moderator approves it. The
Wagtail queue and these views share one path (`community.actions.do_approve_case` and
`do_reject_case`), so a decision is the same wherever it is taken.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from machina.apps.forum_moderation.views import PostApproveView, PostDisapproveView

from community import actions
from community.actions import ActionRefused
from community.actions.moderation import ALREADY_DECIDED
from community.models.moderation import REJECTION_REASON_MAX_LENGTH

#: Re-exported: forum.receivers counts a post created approved the same way.
post_became_visible = actions.post_became_visible

QUEUE_URL_NAME = "moderation_queue:index"


class QueueRedirectMixin:
    """Back to the Wagtail moderation queue, the one queue, after a decision."""

    def get_success_url(self):
        return reverse(QUEUE_URL_NAME)

    def decide(self, request, decide):
        self.object = self.get_object()
        try:
            with transaction.atomic():
                case = actions.pending_case_for_post(self.object.pk)
                if case is None:
                    raise ActionRefused(ALREADY_DECIDED, status=409)
                decide(case)
        except ActionRefused as refusal:
            messages.warning(request, refusal.message)
        else:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class NotifyingPostApproveView(QueueRedirectMixin, PostApproveView):
    """machina's approval of a queued post, through `do_approve_case`."""

    def approve(self, request, *args, **kwargs):
        return self.decide(
            request, lambda case: actions.do_approve_case(case, acting_user=request.user)
        )


class NotifyingPostDisapproveView(QueueRedirectMixin, PostDisapproveView):
    """machina's rejection of a queued post, through `do_reject_case` (which deletes it)."""

    def disapprove(self, request, *args, **kwargs):
        reason = request.POST.get("reason", "").strip()[:REJECTION_REASON_MAX_LENGTH]
        return self.decide(
            request,
            lambda case: actions.do_reject_case(case, acting_user=request.user, reason_text=reason),
        )

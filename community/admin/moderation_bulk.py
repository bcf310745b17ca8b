"""Approve or reject the posts chosen in the moderation queue, one POST for the whole selection."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.bulk_action import BulkAction

from community import actions, permissions
from community.models import ModerationCase, PostReport, RejectionReason
from community.models.moderation import REJECTION_REASON_MAX_LENGTH

from .moderation import cases_in_listing, content_preview, describe_reason, post_url, queue_cases


class RejectionForm(forms.Form):
    """Why the posts are rejected: a canned reason, or the moderator's own words (which win)."""

    canned_reason = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=RejectionReason.objects.all(),
        required=False,
        empty_label=_("Write a reason below"),
    )
    reason = forms.CharField(
        label=_("Or in your own words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=REJECTION_REASON_MAX_LENGTH,
        help_text=_("The author reads this reason in their notification."),
    )

    def clean(self):
        cleaned_data = super().clean()
        canned = cleaned_data.get("canned_reason")
        text = (cleaned_data.get("reason") or "").strip() or (canned.text if canned else "")
        if not text and not self.errors:
            raise forms.ValidationError(
                _("Choose a reason or write one: the author is told why."), code="required"
            )
        cleaned_data["reason_text"] = text
        return cleaned_data


class DecideCasesBulkAction(BulkAction):
    """Decides the chosen pending cases through the moderation actions; decided ones are skipped."""

    models = [ModerationCase]
    template_name = "community/admin/confirm_moderation_decision.html"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_decide_moderation_cases(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Unknown or malformed ids are ignored, not a 404 or a 500: the page says what is left.
        ids = [value for value in map(str, object_ids) if value.isdigit()]
        # What the reporters said, for the moderator who decides: one query for all cases.
        open_reports = Prefetch(
            "post__reports",
            queryset=PostReport.objects.filter(resolved_at__isnull=True),
            to_attr="open_reports",
        )
        cases = queue_cases(ModerationCase.objects.filter(pk__in=ids)).prefetch_related(
            open_reports
        )
        return list(cases.order_by("opened_at"))

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means all that the queue shows: its filters are in the query string.
        return cases_in_listing(self.request).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        extra["items_unchanged"] = [case for case in objects if not case.is_pending]
        return [case for case in objects if case.is_pending], extra

    def object_context(self, obj):
        return {
            "item": obj,
            "reason": describe_reason(obj),
            "content": content_preview(obj),
            "url": post_url(obj),
            "report_reasons": [report.reason for report in getattr(obj.post, "open_reports", ())],
        }

    def prepare_action(self, objects, objects_without_access):
        if not objects:
            messages.warning(
                self.request, gettext("None of the chosen posts waits for a decision any more.")
            )
            return redirect(self.next_url)
        return None

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = self.done_message(num_parent_objects)
        skipped = len(self.actionable_objects) - num_parent_objects
        if skipped:
            message += " " + ngettext(
                "%(count)d was already decided by another moderator.",
                "%(count)d were already decided by other moderators.",
                skipped,
            ) % {"count": skipped}
        return message

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "header_icon": "warning"}


class ApproveCasesBulkAction(DecideCasesBulkAction):
    """Approve the chosen posts (or keep the reported ones)."""

    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the chosen posts")
    action_priority = 10

    def get_execution_context(self):
        return {"acting_user": self.request.user}

    @classmethod
    def execute_action(cls, objects, acting_user=None, **kwargs):
        decided, _skipped = actions.do_approve_cases(objects, acting_user=acting_user)
        return len(decided), 0

    def done_message(self, count):
        return ngettext(
            "%(count)d post approved; its author is told.",
            "%(count)d posts approved; their authors are told.",
            count,
        ) % {"count": count}


class RejectCasesBulkAction(DecideCasesBulkAction):
    """Reject (delete) the chosen posts with one reason, which their authors read."""

    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the chosen posts")
    action_priority = 20
    classes = {"serious"}
    form_class = RejectionForm

    def get_execution_context(self):
        return {
            "acting_user": self.request.user,
            "reason_text": self.cleaned_form.cleaned_data["reason_text"],
        }

    @classmethod
    def execute_action(cls, objects, acting_user=None, reason_text="", **kwargs):
        decided, _skipped = actions.do_reject_cases(
            objects, acting_user=acting_user, reason_text=reason_text
        )
        return len(decided), 0

    def done_message(self, count):
        return ngettext(
            "%(count)d post rejected; its author is told why.",
            "%(count)d posts rejected; their authors are told why.",
            count,
        ) % {"count": count}

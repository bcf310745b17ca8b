"""Select or decline several tester applications at once from the admin listing."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from community import actions, permissions
from community.models import TesterApplication, TesterApplicationStatus

from .applications import applications_in_listing
from .common import describe_applications


class DecideApplicationsBulkAction(BulkAction):
    """Sets one status on the chosen applications, each through `do_decide_tester_application`."""

    models = [TesterApplication]
    template_name = "community/admin/confirm_bulk_decide.html"
    status = None

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_decide_tester_applications(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(model.objects.select_related("applicant"), pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means all that the listing shows: its filters and search are in the query.
        return applications_in_listing(self.request).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        # Deciding again what is already decided would only send the applicant a second e-mail.
        extra["items_unchanged"] = [item for item in objects if item.status == self.status]
        return [item for item in objects if item.status != self.status], extra

    def annotate_items(self, items):
        return describe_applications(items)

    def object_context(self, obj):
        url = reverse("tester_applications:inspect", args=[quote(obj.pk)])
        return {"item": obj, "review_url": url}

    def get_execution_context(self):
        return {"acting_user": self.request.user}

    @classmethod
    def execute_action(cls, objects, acting_user=None, **kwargs):
        for application in objects:
            actions.do_decide_tester_application(application, cls.status, acting_user=acting_user)
        return len(objects), 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "header_icon": "user"}


class SelectApplicationsBulkAction(DecideApplicationsBulkAction):
    """Select the chosen applicants as testers."""

    display_name = _("Select")
    action_type = "select"
    aria_label = _("Select the chosen applicants as testers")
    action_priority = 10
    status = TesterApplicationStatus.SELECTED

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d applicant selected; they will be told by e-mail.",
            "%(count)d applicants selected; they will be told by e-mail.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class DeclineApplicationsBulkAction(DecideApplicationsBulkAction):
    """Decline the chosen applicants."""

    display_name = _("Decline")
    action_type = "decline"
    aria_label = _("Decline the chosen applicants")
    action_priority = 20
    classes = {"serious"}
    status = TesterApplicationStatus.DECLINED

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d applicant declined; they will be told by e-mail.",
            "%(count)d applicants declined; they will be told by e-mail.",
            num_parent_objects,
        ) % {"count": num_parent_objects}

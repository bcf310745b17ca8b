"""One tester application in the admin: read it in full, then select or decline it."""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name, get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseOperationView
from wagtail.admin.widgets.button import Button

from community import actions, permissions
from community.models import TesterApplication, TesterApplicationStatus

from .common import CampaignResultsAccessMixin, describe_applications

#: What an editor may decide: {status: (name of its view, label of its button)}.
DECISIONS = {
    TesterApplicationStatus.SELECTED: ("select", _("Select")),
    TesterApplicationStatus.DECLINED: ("decline", _("Decline")),
}


class TesterApplicationInspectView(CampaignResultsAccessMixin, generic.InspectView):
    """One application in full, with the Select and Decline buttons."""

    template_name = "community/admin/tester_application_inspect.html"
    page_title = _("Tester application")
    labels = {"email": _("E-mail"), "campaign": _("Campaign"), "call": _("Tester call")}
    #: {status: URL name of the view that decides it}, given by the viewset.
    decision_url_names = {}
    history_url_name = None

    def get_object(self, queryset=None):
        queryset = TesterApplication.objects.select_related("applicant", "decided_by")
        application = get_object_or_404(queryset, pk=unquote(str(self.pk)))
        return describe_applications([application])[0]

    def get_page_subtitle(self):
        return self.object.applicant_name

    @cached_property
    def can_decide(self):
        return permissions.can_decide_tester_applications(self.request.user)

    @cached_property
    def header_more_buttons(self):
        if not self.can_decide:  # the history view asks for the permission to change
            return []
        url = reverse(self.history_url_name, args=[quote(self.object.pk)])
        return [Button(_("History"), url=url, icon_name="history", priority=10)]

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return self.labels[field_name]
        return super().get_field_label(field_name, field)

    def get_applicant_display_value(self):
        return self.object.applicant_name

    def get_email_display_value(self):
        return self.object.applicant.email

    def get_campaign_display_value(self):
        return self.object.campaign_title

    def get_call_display_value(self):
        return self.object.call_heading

    def get_consent_to_contact_display_value(self):
        return _("Yes") if self.object.consent_to_contact else _("No")

    def get_decided_by_display_value(self):
        return get_user_display_name(self.object.decided_by) if self.object.decided_by else "—"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pk = quote(self.object.pk)
        context["can_decide"] = self.can_decide
        context["decisions"] = [
            (status, reverse(url_name, args=[pk]), DECISIONS[status][1])
            for status, url_name in self.decision_url_names.items()
            if status != self.object.status
        ]
        return context


class DecideView(BaseOperationView):
    """POST only: select or decline one application through `do_decide_tester_application`."""

    model = TesterApplication
    status = None
    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_decide_tester_applications(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_object_queryset(self):
        return TesterApplication.objects.select_related("applicant")

    def perform_operation(self):
        if self.object.status != self.status:
            actions.do_decide_tester_application(
                self.object, self.status, acting_user=self.request.user
            )

    def get_success_message(self):
        name = get_user_display_name(self.object.applicant)
        if self.status == TesterApplicationStatus.SELECTED:
            return gettext("%(name)s is selected and will be told by e-mail.") % {"name": name}
        return gettext("%(name)s is declined and will be told by e-mail.") % {"name": name}

    def get_success_url(self):
        next_url = get_valid_next_url_from_request(self.request)
        return next_url or reverse(self.inspect_url_name, args=[quote(self.object.pk)])

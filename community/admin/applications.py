"""Tester applications in the Wagtail admin: editors list and review them, select or decline."""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Q
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from community import permissions
from community.models import CampaignPage, TesterApplication, TesterApplicationStatus

from .common import CampaignResultsAccessMixin, CampaignResultsMenuItem, describe_applications
from .review import DECISIONS, DecideView, TesterApplicationInspectView

#: What the listing's search box looks in: who applied.
SEARCH_FIELDS = [
    "applicant__username",
    "applicant__email",
    "applicant__first_name",
    "applicant__last_name",
]


class TesterApplicationFilterSet(WagtailFilterSet):
    """The listing's filters: by campaign (the link from a campaign's page) and by status."""

    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"),
        field_name="page",
        empty_label=_("All campaigns"),
        queryset=lambda request: CampaignPage.objects.order_by("title"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=TesterApplicationStatus.choices,
        empty_label=_("Any status"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = TesterApplication
        fields = []


def applications_in_listing(request):
    """The applications the listing shows for this query string: its filters and its search."""
    queryset = TesterApplication.objects.all()
    queryset = TesterApplicationFilterSet(request.GET, queryset=queryset, request=request).qs
    if query := request.GET.get("q", "").strip():
        conditions = Q()
        for field in SEARCH_FIELDS:
            conditions |= Q(**{f"{field}__icontains": query})
        queryset = queryset.filter(conditions)
    return queryset


class TesterApplicationIndexView(CampaignResultsAccessMixin, generic.IndexView):
    """The applications with their campaign and call, newest first, to review and decide."""

    template_name = "community/admin/tester_application_index.html"
    history_url_name = None
    page_title = _("Tester applications")
    default_ordering = "-created_at"
    # The named predicates of community.permissions decide (see the mixin and `can_decide`).
    any_permission_required = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("applicant")

    @cached_property
    def can_decide(self):
        return permissions.can_decide_tester_applications(self.request.user)

    @cached_property
    def columns(self):
        applicant_column = self._get_title_column_class(TitleColumn)
        columns = [
            applicant_column(
                "applicant",
                label=_("Applicant"),
                accessor="applicant_name",
                get_url=self.get_inspect_url,
                get_title_id=lambda application: f"tester_application_{application.pk}_title",
            ),
            Column("email", label=_("E-mail"), accessor="applicant.email"),
            Column(
                "campaign", label=_("Campaign"), accessor="campaign_title", sort_key="page__title"
            ),
            Column("call", label=_("Tester call"), accessor="call_heading"),
            Column(
                "motivation",
                label=_("Motivation"),
                accessor=lambda application: Truncator(application.motivation).chars(80),
            ),
            Column("availability", label=_("Availability")),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                primary=lambda application: application.status == TesterApplicationStatus.SELECTED,
                sort_key="status",
            ),
            DateColumn("created_at", label=_("Applied"), sort_key="created_at"),
        ]
        if self.can_decide:
            columns.insert(
                0, BulkActionsCheckboxColumn("bulk_actions", obj_type="tester_application")
            )
        return columns

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = describe_applications(object_list)
        return paginator, page, page.object_list, is_paginated

    def get_inspect_url(self, instance):
        return reverse(self.inspect_url_name, args=(quote(instance.pk),))

    def get_list_more_buttons(self, instance):
        if not self.can_decide:
            return [MenuItem(_("Review"), url=self.get_inspect_url(instance), icon_name="view")]
        history_url = reverse(self.history_url_name, args=(quote(instance.pk),))
        return [
            MenuItem(
                _("Review and decide"),
                url=self.get_inspect_url(instance),
                icon_name="view",
                priority=10,
            ),
            MenuItem(_("History"), url=history_url, icon_name="history", priority=20),
        ]

    @cached_property
    def filtered_campaign(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("campaign")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if campaign := self.filtered_campaign:
            buttons.append(
                HeaderButton(
                    _("Results of this campaign"),
                    url=reverse("campaign_results:campaign", args=[campaign.pk]),
                    icon_name="table",
                )
            )
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_decide"] = self.can_decide
        return context


class TesterApplicationViewSet(ModelViewSet):
    """Applications to tester calls: editors review, select and decline them, nothing else."""

    # A ModelViewSet, not a SnippetViewSet: applications are what consumers submit, not content
    # editors create, edit or choose; snippets would bring add/edit/chooser views and a place
    # in the Snippets menu. Bulk select/decline is wired as wagtail.users does for its listing.
    model = TesterApplication
    icon = "user"
    menu_label = _("Tester applications")
    index_view_class = TesterApplicationIndexView
    inspect_view_class = TesterApplicationInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "applicant",
        "email",
        "campaign",
        "call",
        "motivation",
        "availability",
        "consent_to_contact",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
    ]
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = TesterApplicationFilterSet
    search_fields = SEARCH_FIELDS
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs):
        no_form_views = {"add_url_name": None, "edit_url_name": None, "delete_url_name": None}
        return super().get_common_view_kwargs(
            **no_form_views,
            usage_url_name=None,
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )

    def get_inspect_view_kwargs(self, **kwargs):
        decision_url_names = {
            status: self.get_url_name(name) for status, (name, _label) in DECISIONS.items()
        }
        return super().get_inspect_view_kwargs(decision_url_names=decision_url_names, **kwargs)

    def get_urlpatterns(self):
        # Built here rather than filtered from ModelViewSet's, whose form views would need a form.
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/history/", self.history_view, name="history"),
            path("<int:pk>/history/results/", self.history_results_view, name="history_results"),
        ]
        for status, (name, _label) in DECISIONS.items():
            view = self.construct_view(
                DecideView, status=status, inspect_url_name=self.get_url_name("inspect")
            )
            patterns.append(path(f"<int:pk>/{name}/", view, name=name))
        return patterns

    @cached_property
    def menu_item_class(self):
        return CampaignResultsMenuItem

    def get_permissions_to_register(self):
        codenames = ["view_testerapplication", "change_testerapplication"]
        return super().get_permissions_to_register().filter(codename__in=codenames)

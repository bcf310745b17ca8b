"""Insights screens: a campaign's figures (or every campaign's) as charts, tables and exports."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet

from community import permissions
from community.charts import bar_chart
from community.insights import (
    PERIODS,
    WEEK,
    campaign_figures,
    home_summary,
    ideas_by_status,
    moderator_workload,
    period_for,
    top_contributors,
)
from community.insights.people import person_columns
from community.models import CampaignPage


class InsightsAccessMixin:
    """Lets in only users who may read insights (editors); anyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_insights(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_insights(request.user)


def display(value):
    """A figure as people read it: localised, "—" when there is nothing to measure."""
    return "—" if value is None else number_format(value, use_l10n=True)


class InsightsScopeMixin:
    """The campaign of the URL (None on the site dashboard) and the period asked for."""

    @cached_property
    def campaign(self):
        page_id = self.kwargs.get("page_id")
        return None if page_id is None else get_object_or_404(CampaignPage, pk=page_id)

    @cached_property
    def period(self):
        return period_for(
            self.request.GET.get("period", "30"),
            self.request.GET.get("granularity", "day"),
            self.campaign,
        )

    @cached_property
    def figures(self):
        return campaign_figures(self.campaign, self.period)

    def period_query(self):
        return {
            "period": self.request.GET.get("period", "30")
            if self.request.GET.get("period") in PERIODS
            else "30",
            "granularity": self.period.granularity,
        }

    def table_url(self, table, export=None):
        if self.campaign is None:
            url = reverse("insights:table", args=[table])
        else:
            url = reverse("insights:campaign_table", args=[self.campaign.pk, table])
        query = self.period_query()
        if export:
            query["export"] = export
        return f"{url}?{urlencode(query)}"


class CampaignInsightsView(
    InsightsAccessMixin, InsightsScopeMixin, WagtailAdminTemplateMixin, TemplateView
):
    """One campaign's figures over a period, each as a chart, a table and two downloads."""

    template_name = "community/admin/insights.html"
    page_title = _("Insights")
    header_icon = "table"

    def get_page_subtitle(self):
        return self.campaign.title if self.campaign else _("All campaigns")

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.campaign is None:
            return [*items, {"url": "", "label": _("Insights")}]
        overview = {"url": reverse("insights:index"), "label": _("Insights")}
        return [*items, overview, {"url": "", "label": self.campaign.title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        week = self.period.granularity == WEEK
        context["charts"] = [
            {
                "figure": figure,
                "total": display(figure.total),
                "svg": bar_chart(figure.label, figure.points, f"chart-{figure.key}"),
                "rows": [(day, display(value)) for day, value in figure.points],
                "csv": self.table_url(figure.key, "csv"),
                "xlsx": self.table_url(figure.key, "xlsx"),
            }
            for figure in self.figures
        ]
        tables = InsightsTables(self)
        context["tables"] = [
            {
                "key": key,
                "title": title,
                "headings": headings,
                "rows": [
                    [display(value) if not isinstance(value, str) else value for value in row]
                    for row in rows
                ],
                "csv": self.table_url(key, "csv"),
                "xlsx": self.table_url(key, "xlsx"),
            }
            for key in ("statuses", "contributors", "moderators")
            for title, headings, rows in [tables.get(key)]
        ]
        context["exports"] = {
            "summary": (self.table_url("summary", "csv"), self.table_url("summary", "xlsx"))
        }
        context.update(
            period=self.period,
            week=week,
            period_choice=self.period_query()["period"],
            period_choices=[
                ("30", _("Last 30 days")),
                ("90", _("Last 90 days")),
                ("all", _("All time")),
            ],
        )
        if self.campaign is not None:
            context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[self.campaign.pk])
        return context


def _week_or_day(period):
    return _("Week starting") if period.granularity == WEEK else _("Day")


class InsightsTables:
    """Every table of an insights screen as (title, headings, rows), rows being raw values."""

    def __init__(self, view):
        self.view = view
        self.viewer = view.request.user
        self.email = [_("E-mail")] if self.viewer.is_superuser else []

    def keys(self):
        return ["summary", "statuses", "contributors", "moderators"] + [
            figure.key for figure in self.view.figures
        ]

    def get(self, key):
        method = getattr(self, key, None)
        if key in ("summary", "statuses", "contributors", "moderators"):
            return method()
        figure = next((f for f in self.view.figures if f.key == key), None)
        if figure is None:
            raise Http404
        rows = [[day.isoformat(), value] for day, value in figure.points]
        return figure.label, [_week_or_day(self.view.period), figure.label], rows

    def _person(self, user, missing):
        if user is None:
            return [missing] + [""] * len(self.email)
        return person_columns(user, self.viewer)

    def summary(self):
        rows = [[str(figure.label), figure.total] for figure in self.view.figures]
        return _("Totals"), [_("Figure"), _("Total")], rows

    def statuses(self):
        rows = [[status.name, count] for status, count in ideas_by_status(self.view.campaign)]
        return _("Ideas by status"), [_("Status"), _("Ideas")], rows

    def contributors(self):
        rows = [
            [*self._person(user, _("Former members")), ideas, replies]
            for user, ideas, replies in top_contributors(self.view.campaign, self.view.period)
        ]
        headings = [_("Contributor"), *self.email, _("Ideas"), _("Replies")]
        return _("Top contributors"), headings, rows

    def moderators(self):
        rows = [
            [
                *self._person(user, _("Former moderator")),
                decisions,
                approved,
            ]
            for user, decisions, approved in moderator_workload(
                self.view.campaign, self.view.period
            )
        ]
        headings = [_("Moderator"), *self.email, _("Decisions"), _("Approved")]
        return _("Moderator workload"), headings, rows


def _inert_in_spreadsheets(value):
    # A pseudonym such as "=HYPERLINK(…)" must stay text when the CSV is opened in a spreadsheet
    # (Wagtail already does this for XLSX): https://owasp.org/www-community/attacks/CSV_Injection
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class InsightsTableView(InsightsAccessMixin, InsightsScopeMixin, ReportView):
    """One table of the insights screen, as HTML, CSV or XLSX (`?export=csv|xlsx`)."""

    paginate_by = None
    header_icon = "table"
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: _inert_in_spreadsheets},
    }

    @cached_property
    def table(self):
        return InsightsTables(self).get(self.kwargs["table"])

    @cached_property
    def columns(self):
        return [
            Column(str(index), label=heading, accessor=str(index))
            for index, heading in enumerate(self.table[1])
        ]

    @property
    def list_export(self):
        return [str(index) for index in range(len(self.table[1]))]

    @property
    def export_headings(self):
        return {str(index): heading for index, heading in enumerate(self.table[1])}

    def get_page_title(self):
        return self.table[0]

    def get_page_subtitle(self):
        return self.campaign.title if self.campaign else _("All campaigns")

    def get_queryset(self):
        return self.table[2]

    def get_index_url(self):
        return self.table_url(self.kwargs["table"])

    def get_filename(self):
        scope = f"campaign-{self.campaign.pk}" if self.campaign else "all-campaigns"
        today = datetime.date.today().isoformat()
        return f"insights-{scope}-{self.kwargs['table']}-{today}"


class InsightsPanel(Component):
    """The admin home page's summary of every campaign over the last 30 days."""

    name = "insights"
    template_name = "community/admin/insights_panel.html"
    order = 95

    def get_context_data(self, parent_context):
        figures = home_summary(period_for("30", "day"))
        return {
            "figures": [(figure.key, figure.label, display(figure.total)) for figure in figures],
            "insights_url": reverse("insights:index"),
        }


class InsightsViewSet(ViewSet):
    """The insights screens: every campaign together, and each campaign alone."""

    name = "insights"
    url_prefix = "insights"
    icon = "table"
    menu_label = _("Insights")

    def get_urlpatterns(self):
        return [
            path("", CampaignInsightsView.as_view(), name="index"),
            path("table/<slug:table>/", InsightsTableView.as_view(), name="table"),
            path("campaigns/<int:page_id>/", CampaignInsightsView.as_view(), name="campaign"),
            path(
                "campaigns/<int:page_id>/table/<slug:table>/",
                InsightsTableView.as_view(),
                name="campaign_table",
            ),
        ]

    @cached_property
    def menu_item_class(self):
        return InsightsMenuItem

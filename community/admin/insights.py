"""Insights screens: a campaign's figures (or every campaign's) as charts, tables and exports."""

import datetime
from dataclasses import dataclass

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
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet

from community import permissions
from community.charts import bar_chart
from community.insights import PERIODS, WEEK, campaign_figures, ideas_by_status, period_for
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
        context["statuses"] = ideas_by_status(self.campaign)
        context["exports"] = {
            table: (self.table_url(table, "csv"), self.table_url(table, "xlsx"))
            for table in ("summary", "statuses")
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


@dataclass
class TableRow:
    """One line of an insights table: what is counted, and the number."""

    label: str
    value: object


class InsightsTableView(InsightsAccessMixin, InsightsScopeMixin, ReportView):
    """One table of the insights screen, as HTML, CSV or XLSX (`?export=csv|xlsx`)."""

    paginate_by = None
    header_icon = "table"
    list_export = ["label", "value"]

    @cached_property
    def table(self):
        table = self.kwargs["table"]
        if table not in ("summary", "statuses") and table not in {f.key for f in self.figures}:
            raise Http404
        return table

    @cached_property
    def headings(self):
        if self.table == "summary":
            return _("Figure"), _("Total")
        if self.table == "statuses":
            return _("Status"), _("Ideas")
        figure = next(f for f in self.figures if f.key == self.table)
        return (_("Week starting") if self.period.granularity == WEEK else _("Day")), figure.label

    @cached_property
    def columns(self):
        label, value = self.headings
        return [Column("label", label=label), Column("value", label=value)]

    @property
    def export_headings(self):
        label, value = self.headings
        return {"label": label, "value": value}

    def get_page_title(self):
        if self.table == "summary":
            return _("Totals")
        if self.table == "statuses":
            return _("Ideas by status")
        return self.headings[1]

    def get_page_subtitle(self):
        return self.campaign.title if self.campaign else _("All campaigns")

    def get_queryset(self):
        if self.table == "summary":
            return [TableRow(str(figure.label), figure.total) for figure in self.figures]
        if self.table == "statuses":
            return [
                TableRow(status.name, count) for status, count in ideas_by_status(self.campaign)
            ]
        figure = next(f for f in self.figures if f.key == self.table)
        return [TableRow(day.isoformat(), value) for day, value in figure.points]

    def get_index_url(self):
        return self.table_url(self.table)

    def get_filename(self):
        scope = f"campaign-{self.campaign.pk}" if self.campaign else "all-campaigns"
        return f"insights-{scope}-{self.table}-{datetime.date.today().isoformat()}"


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

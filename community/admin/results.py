"""Campaign results in the Wagtail admin: counts only, as tables and spreadsheets."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from community.models import CampaignPage, TesterApplication, TesterApplicationStatus, VariantVote
from community.results import count_by, vote_counts

from .common import CampaignResultsAccessMixin, CampaignResultsMenuItem


@dataclass
class ResultRow:
    """One line of a campaign's results: a count and its share, never a person."""

    campaign: str
    kind: str
    question: str
    answer: str
    count: int
    percent: float


def _share(count, total):
    return round(100 * count / total, 1) if total else 0.0


def vote_rows(campaign):
    """One row per question × variant, in body order; one query."""
    counts = vote_counts(campaign)
    rows = []
    for question_id, question in campaign.variant_questions.items():
        per_variant = counts.get(question_id, {})
        variants = question["variants"].bound_blocks
        # As on the public page: only current variants count, removed ones keep no share.
        total = sum(per_variant.get(variant.id, 0) for variant in variants)
        for variant in variants:
            votes = per_variant.get(variant.id, 0)
            rows.append(
                ResultRow(
                    campaign.title,
                    _("Variant vote"),
                    question["question"],
                    variant.value["label"],
                    votes,
                    _share(votes, total),
                )
            )
    return rows


def application_rows(campaign):
    """One row per tester call × application status, in body order; one query."""
    counts = count_by(TesterApplication.objects.filter(page=campaign), "call_id", "status")
    rows = []
    for call_id, call in campaign.tester_calls.items():
        per_status = counts.get(call_id, {})
        total = sum(per_status.values())
        for status in TesterApplicationStatus:
            applications = per_status.get(status, 0)
            rows.append(
                ResultRow(
                    campaign.title,
                    _("Tester call"),
                    call["heading"],
                    status.label,
                    applications,
                    _share(applications, total),
                )
            )
    return rows


class CampaignResultsView(CampaignResultsAccessMixin, ReportView):
    """A campaign's vote totals and tester applications, as a table, CSV or XLSX."""

    # Tester calls are extra rows of the same table rather than a second report: an editor
    # downloads one file per campaign, and both kinds of rows are a question, an answer, a
    # count and its share. The "type" column tells them apart.
    header_icon = "table"
    paginate_by = None
    columns = [
        Column("kind", label=_("Type")),
        Column("question", label=_("Question or tester call")),
        Column("answer", label=_("Variant or status")),
        NumberColumn("count", label=_("Count")),
        Column(
            "percent",
            label=_("Percent"),
            accessor=lambda row: (
                gettext("%(percent)s%%") % {"percent": number_format(row.percent, 1)}
            ),
        ),
    ]
    list_export = ["campaign", "kind", "question", "answer", "count", "percent"]
    export_headings = {
        "campaign": _("Campaign"),
        "kind": _("Type"),
        "question": _("Question or tester call"),
        "answer": _("Variant or status"),
        "count": _("Count"),
        "percent": _("Percent"),
    }
    page_title = _("Results")

    @cached_property
    def campaign(self):
        return get_object_or_404(CampaignPage, pk=self.kwargs["page_id"])

    def get_queryset(self):
        return vote_rows(self.campaign) + application_rows(self.campaign)

    def get_page_subtitle(self):
        return self.campaign.title

    def get_index_url(self):
        return reverse("campaign_results:campaign", args=[self.campaign.pk])

    def get_breadcrumbs_items(self):
        overview = {"url": reverse("campaign_results:index"), "label": _("Campaign results")}
        return [*self.breadcrumbs_items, overview, {"url": "", "label": self.campaign.title}]

    def get_filename(self):
        today = datetime.date.today().isoformat()
        return f"campaign-{self.campaign.pk}-results-{today}"

    @cached_property
    def header_buttons(self):
        applications = reverse("tester_applications:index") + f"?campaign={self.campaign.pk}"
        edit = reverse("wagtailadmin_pages:edit", args=[self.campaign.pk])
        return [
            HeaderButton(_("Tester applications"), url=applications, icon_name="user"),
            HeaderButton(_("Edit the campaign"), url=edit, icon_name="edit"),
        ]

    @cached_property
    def no_results_message(self):
        return _("This campaign asks no variant question and has no tester call.")


def _date_of(field):
    # Not DateColumn: it shows the dates to come, such as a closing date, as "just now".
    def accessor(campaign):
        value = getattr(campaign, field)
        return date_format(localtime(value), "DATE_FORMAT") if value else ""

    return accessor


def _count_per_campaign(model):
    per_page = model.objects.filter(page=OuterRef("pk")).order_by().values("page")
    counts = per_page.annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class CampaignResultsIndexView(CampaignResultsAccessMixin, ReportView):
    """Every campaign with its numbers of votes and applications, leading to its results."""

    page_title = _("Campaign results")
    header_icon = "table"
    index_url_name = "campaign_results:index"
    default_ordering = "-opens_at"
    list_export = ["title", "status.label", "opens_at", "closes_at", "votes", "applications"]
    export_headings = {
        "title": _("Campaign"),
        "status.label": _("Status"),
        "opens_at": _("Opens at"),
        "closes_at": _("Closes at"),
        "votes": _("Votes"),
        "applications": _("Tester applications"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Campaign"),
                sort_key="title",
                get_url=lambda campaign: reverse("campaign_results:campaign", args=[campaign.pk]),
            ),
            Column("status", label=_("Status"), accessor="status.label"),
            Column(
                "opens_at", label=_("Opens at"), sort_key="opens_at", accessor=_date_of("opens_at")
            ),
            Column(
                "closes_at",
                label=_("Closes at"),
                sort_key="closes_at",
                accessor=_date_of("closes_at"),
            ),
            NumberColumn("votes", label=_("Votes"), sort_key="votes"),
            NumberColumn("applications", label=_("Tester applications"), sort_key="applications"),
        ]

    def get_queryset(self):
        self.queryset = CampaignPage.objects.annotate(
            votes=_count_per_campaign(VariantVote),
            applications=_count_per_campaign(TesterApplication),
        )
        return super().get_queryset()

    def get_filename(self):
        return f"campaign-results-{datetime.date.today().isoformat()}"

    @cached_property
    def no_results_message(self):
        return _("There are no campaigns yet.")


class CampaignResultsViewSet(ViewSet):
    """The results screens of campaigns: an overview and one report per campaign."""

    name = "campaign_results"
    url_prefix = "campaign-results"
    icon = "table"
    menu_label = _("Results")

    def get_urlpatterns(self):
        return [
            path("", CampaignResultsIndexView.as_view(), name="index"),
            path("<int:page_id>/", CampaignResultsView.as_view(), name="campaign"),
        ]

    @cached_property
    def menu_item_class(self):
        return CampaignResultsMenuItem

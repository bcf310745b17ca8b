"""Campaign insights: what happened in one campaign (or all of them), per day or ISO week.

Every figure is a database aggregate grouped by a truncated date, so the number of queries is the
same whatever the number of ideas, votes or days. Nothing here names a person (`people` does).
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, DateField, F, Q, Sum
from django.db.models.functions import TruncDate, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_conversation.models import Post, Topic

from community.models import (
    CampaignPage,
    CommunityStoryPage,
    ContributorProfile,
    IdeaStatus,
    IdeaVote,
    ModerationCase,
    ModerationDecision,
    PageViewDay,
    PostReport,
    TesterApplication,
    VariantVote,
)

from .periods import WEEK, bucket_of


@dataclass
class Figure:
    """One figure: its total over the period and its value for each day or week."""

    key: str
    label: str
    total: float | int | None
    points: list = field(default_factory=list)
    unit: str = "count"


class Scope:
    """Filters that restrict each model to one campaign, or to every campaign."""

    def __init__(self, campaign=None):
        self.campaign = campaign

    def forum(self, prefix=""):
        if self.campaign is None:
            return Q(**{f"{prefix}forum__campaign_page__isnull": False})
        if self.campaign.forum_id is None:
            return Q(pk__in=[])
        return Q(**{f"{prefix}forum_id": self.campaign.forum_id})

    def page(self, name="page"):
        if self.campaign is None:
            return Q(**{f"{name}__in": CampaignPage.objects.values("pk")})
        return Q(**{name: self.campaign.pk})

    def stories(self):
        return CommunityStoryPage.objects.filter(self.forum("source_idea__topic__"))


def _trunc(date_field, granularity, is_date=False):
    if granularity == WEEK:
        return TruncWeek(date_field, output_field=DateField())
    return F(date_field) if is_date else TruncDate(date_field)


def _as_date(value):
    # Raw SQL gives strings on SQLite; the ORM gives dates.
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _in_period(date_field, period, is_date=False):
    lookup = date_field if is_date else f"{date_field}__date"
    return Q(**{f"{lookup}__gte": period.start, f"{lookup}__lte": period.end})


def grouped(queryset, date_field, period, is_date=False, **aggregates):
    """{bucket: {name: value}} of `aggregates` per day or week of `period`, in one query."""
    aggregates = aggregates or {"value": Count("pk")}
    rows = (
        queryset.filter(_in_period(date_field, period, is_date))
        .annotate(bucket=_trunc(date_field, period.granularity, is_date))
        .order_by()
        .values("bucket")
        .annotate(**aggregates)
    )
    return {_as_date(row.pop("bucket")): row for row in rows}


def count_figure(key, label, queryset, date_field, period, is_date=False, value=None):
    """A figure that adds up: its total is the sum of its points."""
    by_bucket = grouped(queryset, date_field, period, is_date, value=value or Count("pk"))
    points = [(day, by_bucket.get(day, {}).get("value") or 0) for day in period.buckets()]
    return Figure(key, label, sum(value for _day, value in points), points)


def _participation_sql(scope, period):
    """SQL of the distinct (bucket, user) pairs of everyone who posted, voted or applied."""
    sources = (
        (Post.objects.filter(scope.forum("topic__"), approved=True), "created", "poster_id"),
        (IdeaVote.objects.filter(scope.forum("idea__topic__")), "created_at", "voter_id"),
        (VariantVote.objects.filter(scope.page()), "created_at", "voter_id"),
        (TesterApplication.objects.filter(scope.page()), "created_at", "applicant_id"),
    )
    parts = [
        queryset.filter(_in_period(date_field, period))
        .annotate(bucket=_trunc(date_field, period.granularity), person=F(user_field))
        .order_by()
        .values_list("bucket", "person")
        for queryset, date_field, user_field in sources
    ]
    return parts[0].union(*parts[1:]).query.sql_with_params()


def participants_figure(scope, period):
    """Distinct people who posted, voted (idea or variant) or applied: per bucket and in all."""
    sql, params = _participation_sql(scope, period)
    # Two aggregates over the one UNION: the total is not the sum of the points, since a
    # person active on two days is one participant of the period.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT bucket, COUNT(DISTINCT person) FROM ({sql}) pairs GROUP BY bucket",  # noqa: S608
            params,
        )
        by_bucket = {_as_date(bucket): count for bucket, count in cursor.fetchall()}
        cursor.execute(f"SELECT COUNT(DISTINCT person) FROM ({sql}) pairs", params)  # noqa: S608
        total = cursor.fetchone()[0]
    points = [(day, by_bucket.get(day, 0)) for day in period.buckets()]
    return Figure("participants", _("Unique participants"), total, points)


def _decided_cases(scope, period):
    return ModerationCase.objects.filter(scope.forum(), decided_at__isnull=False).filter(
        _in_period("decided_at", period)
    )


def moderation_figures(scope, period):
    """Approval rate, median decision time (hours) and decisions, per bucket and in all."""
    buckets = period.buckets()
    approved = Count("pk", filter=Q(decision=ModerationDecision.APPROVED))
    counts = grouped(
        _decided_cases(scope, period), "decided_at", period, decided=Count("pk"), approved=approved
    )
    rates, decisions = [], []
    for day in buckets:
        row = counts.get(day, {"decided": 0, "approved": 0})
        decisions.append((day, row["decided"]))
        rates.append((day, _rate(row["approved"], row["decided"])))
    decided = sum(row["decided"] for row in counts.values())
    approved_total = sum(row["approved"] for row in counts.values())
    # A median is no SQL aggregate on SQLite: the durations come back as one list.
    durations = {}
    for decided_at, opened_at in _decided_cases(scope, period).values_list(
        "decided_at", "opened_at"
    ):
        day = bucket_of(timezone.localdate(decided_at), period.granularity)
        durations.setdefault(day, []).append((decided_at - opened_at).total_seconds() / 3600)
    medians = [(day, _median(durations.get(day, []))) for day in buckets]
    every_duration = [hours for values in durations.values() for hours in values]
    return [
        Figure(
            "approval_rate",
            _("Approval rate (%)"),
            _rate(approved_total, decided),
            rates,
            "percent",
        ),
        Figure(
            "median_decision_hours",
            _("Median time to a moderation decision (hours)"),
            _median(every_duration),
            medians,
            "hours",
        ),
        Figure("decisions", _("Moderator decisions"), decided, decisions),
    ]


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _median(values):
    return round(statistics.median(values), 1) if values else None


def campaign_figures(campaign, period):
    """Every figure of one campaign (None: of all campaigns) over `period`."""
    scope = Scope(campaign)
    topics = Topic.objects.filter(scope.forum(), approved=True)
    replies = Post.objects.filter(scope.forum("topic__"), approved=True).exclude(
        pk=F("topic__first_post_id")
    )
    sign_ups = ContributorProfile.objects.filter(
        Q(signed_up_via__isnull=False) if campaign is None else Q(signed_up_via=campaign)
    )
    story_ids = scope.stories().values("pk")
    # The site dashboard names what it adds up: every campaign, not "the campaign".
    if campaign is None:
        labels = (
            _("Sign-ups through a campaign"),
            _("Page views of campaigns"),
            _("Page views of their stories"),
        )
    else:
        labels = (
            _("Sign-ups through the campaign"),
            _("Page views of the campaign"),
            _("Page views of its stories"),
        )
    sign_ups_label, campaign_views_label, story_views_label = labels
    return [
        participants_figure(scope, period),
        count_figure("sign_ups", sign_ups_label, sign_ups, "created_at", period),
        count_figure("ideas", _("Ideas"), topics, "created", period),
        count_figure("replies", _("Replies"), replies, "created", period),
        count_figure(
            "idea_votes",
            _("Idea votes"),
            IdeaVote.objects.filter(scope.forum("idea__topic__")),
            "created_at",
            period,
        ),
        count_figure(
            "variant_votes",
            _("Variant votes"),
            VariantVote.objects.filter(scope.page()),
            "created_at",
            period,
        ),
        count_figure(
            "tester_applications",
            _("Tester applications"),
            TesterApplication.objects.filter(scope.page()),
            "created_at",
            period,
        ),
        count_figure(
            "reports",
            _("Reports"),
            PostReport.objects.filter(scope.forum("post__topic__")),
            "reported_at",
            period,
        ),
        *moderation_figures(scope, period),
        count_figure("stories", _("Stories promoted"), scope.stories(), "promoted_at", period),
        count_figure(
            "campaign_views",
            campaign_views_label,
            PageViewDay.objects.filter(scope.page()),
            "day",
            period,
            is_date=True,
            value=Sum("views"),
        ),
        count_figure(
            "story_views",
            story_views_label,
            PageViewDay.objects.filter(page__in=story_ids),
            "day",
            period,
            is_date=True,
            value=Sum("views"),
        ),
    ]


def ideas_by_status(campaign):
    """[(status, number of ideas)] now, in the brand's order; unreviewed ideas have the default."""
    scope = Scope(campaign)
    statuses = list(IdeaStatus.objects.all())
    default = next((status for status in statuses if status.is_default), None)
    counts = dict(
        Topic.objects.filter(scope.forum(), approved=True)
        .order_by()
        .values("idea__status")
        .annotate(count=Count("pk"))
        .values_list("idea__status", "count")
    )
    unreviewed = counts.pop(None, 0)
    rows = []
    for status in statuses:
        count = counts.get(status.pk, 0) + (unreviewed if status == default else 0)
        rows.append((status, count))
    return rows


def home_summary(period):
    """The few figures of every campaign the admin home page shows, in five queries."""
    scope = Scope()
    votes = IdeaVote.objects.filter(scope.forum("idea__topic__"))
    return [
        participants_figure(scope, period),
        count_figure(
            "ideas",
            _("Ideas"),
            Topic.objects.filter(scope.forum(), approved=True),
            "created",
            period,
        ),
        count_figure("idea_votes", _("Idea votes"), votes, "created_at", period),
        count_figure(
            "campaign_views",
            _("Page views of campaigns"),
            PageViewDay.objects.filter(scope.page()),
            "day",
            period,
            is_date=True,
            value=Sum("views"),
        ),
    ]

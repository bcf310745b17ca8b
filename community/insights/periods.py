"""The periods insights cover: the last 30 or 90 days or all time, by day or by ISO week."""

import datetime
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from community.models import CampaignPage

DAY = "day"
WEEK = "week"
GRANULARITIES = (DAY, WEEK)
#: The periods an editor can pick, in days back from today; None is all time.
PERIODS = {"30": 30, "90": 90, "all": None}


@dataclass
class Period:
    """The days a figure covers (both ends included) and how they are grouped."""

    start: datetime.date
    end: datetime.date
    granularity: str = DAY

    def buckets(self):
        """The first day of every day or ISO week of the period, in order."""
        first = bucket_of(self.start, self.granularity)
        step = datetime.timedelta(days=7 if self.granularity == WEEK else 1)
        days = []
        while first <= self.end:
            days.append(first)
            first += step
        return days


def bucket_of(day, granularity):
    """The day itself, or the Monday of its ISO week."""
    return day - datetime.timedelta(days=day.weekday()) if granularity == WEEK else day


def period_for(choice, granularity, campaign=None, today=None):
    """The period an editor asked for: the last 30 or 90 days, or all the campaign's life."""
    today = today or timezone.localdate()
    granularity = granularity if granularity in GRANULARITIES else DAY
    days = PERIODS.get(choice, 30)
    if days is not None:
        return Period(today - datetime.timedelta(days=days - 1), today, granularity)
    # A campaign is read from its first publication, which may come before it opens.
    if campaign is not None:
        beginnings = [campaign.opens_at, campaign.first_published_at]
    else:
        firsts = CampaignPage.objects.aggregate(
            opening=Min("opens_at"), publication=Min("first_published_at")
        )
        beginnings = [firsts["opening"], firsts["publication"]]
    known = [timezone.localdate(moment) for moment in beginnings if moment]
    return Period(min([*known, today]), today, granularity)

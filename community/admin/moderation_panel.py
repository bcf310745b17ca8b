"""The dashboard's moderation panel: how much waits, for how long, and how fast decisions come."""

import statistics
from datetime import timedelta

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from wagtail.admin.ui.components import Component

from community.models import ModerationCase

#: The decisions the median decision time is taken over.
DECISION_WINDOW = timedelta(days=7)


def moderation_figures(now=None):
    """{pending, oldest_opened_at, median_decision_time, decided} in two queries.

    The median is over the cases decided in the last seven days (None when there are none),
    computed here so that SQLite and PostgreSQL agree.
    """
    now = now or timezone.now()
    pending = ModerationCase.objects.pending().aggregate(count=Count("pk"), oldest=Min("opened_at"))
    durations = [
        decided_at - opened_at
        for opened_at, decided_at in ModerationCase.objects.filter(
            decided_at__gt=now - DECISION_WINDOW, decided_at__lte=now
        ).values_list("opened_at", "decided_at")
    ]
    return {
        "pending": pending["count"],
        "oldest_opened_at": pending["oldest"],
        "median_decision_time": statistics.median(durations) if durations else None,
        "decided": len(durations),
    }


def describe_duration(duration):
    """A duration as people say it ("2 hours, 5 minutes"), from the timesince wording."""
    now = timezone.now()
    return timesince(now - duration, now)


class ModerationPanel(Component):
    """Pending count, oldest pending post's age and last week's median decision time."""

    name = "moderation"
    template_name = "community/admin/moderation_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        figures = moderation_figures()
        median = figures["median_decision_time"]
        return {
            **figures,
            "median_text": describe_duration(median) if median is not None else "",
            "queue_url": reverse("moderation_queue:index"),
        }

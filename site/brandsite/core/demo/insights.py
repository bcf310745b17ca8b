"""Demo insights: four weeks of page reads of a campaign, so its charts show something."""

import datetime

from django.utils import timezone

from community.models import PageViewDay

DAYS = 28


def load_insights(campaign):
    """Reads of `campaign` on each of the last four weeks' days; loading again changes nothing."""
    today = timezone.localdate()
    for back in range(DAYS):
        # A steady weekly rhythm rather than random numbers: the demo looks the same every time.
        views = (
            20
            + (back * 7) % 13
            + (15 if (today - datetime.timedelta(days=back)).weekday() >= 5 else 0)
        )
        PageViewDay.objects.get_or_create(
            page=campaign, day=today - datetime.timedelta(days=back), defaults={"views": views}
        )

"""Counting a read of a public page, race-safe without locks."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import PageViewDay


def do_count_page_view(page_id, day=None):
    """Add one read of `page_id` to today's count: concurrent reads are all counted.

    The UPDATE is atomic in the database; the first read of a day creates the row, and a
    concurrent first read that loses the race to create it counts by the UPDATE instead.
    """
    day = day or timezone.now().date()
    counted = PageViewDay.objects.filter(page_id=page_id, day=day)
    if counted.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            PageViewDay.objects.create(page_id=page_id, day=day, views=1)
    except IntegrityError:
        counted.update(views=F("views") + 1)

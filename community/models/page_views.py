"""How often each public page was read, per day: a counter that knows nothing about the reader."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViewDay(models.Model):
    """The number of reads of one Wagtail page on one day (UTC).

    No address, cookie or identifier is stored or read: brands see their traffic without any
    tracking of people, and no consent banner is needed.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views of a day")
        verbose_name_plural = _("page views per day")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="unique_page_view_day"),
        ]
        indexes = [models.Index(fields=["day"], name="page_view_day_idx")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"

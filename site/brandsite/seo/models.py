"""Site-wide search-engine options, edited in Wagtail's Settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="search")
class SearchEngineSettings(BaseGenericSetting):
    """Which forum threads are worth offering to search engines (see brandsite.seo.indexing)."""

    min_replies = models.PositiveSmallIntegerField(
        _("minimum replies"),
        default=2,
        help_text=_("A thread with at least this many approved replies is listed."),
    )
    min_votes = models.PositiveSmallIntegerField(
        _("minimum idea votes"),
        default=3,
        help_text=_("A thread whose idea has at least this many votes is listed, too."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("min_replies"), FieldPanel("min_votes")],
            heading=_("Forum threads in the sitemap"),
            help_text=_(
                "Threads listed in the sitemap and open to indexing: approved, in a forum "
                "visitors can read, not locked (locking is how spam and merged duplicates are "
                "closed), with enough replies or enough votes. Others carry “noindex”."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("search engines")

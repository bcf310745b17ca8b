"""RSS feeds of index pages: a reusable base, and the campaigns' feed."""

from django.contrib.syndication.views import Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class IndexPageFeed(Feed):
    """The RSS feed of an index page, built per request; reusable by any Wagtail index page.

    Feed readers treat titles and descriptions as HTML, so subclasses escape editors' text.
    """

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return escape(index_page.title)

    def link(self, index_page):
        return index_page.get_url(request=self.request)

    def item_link(self, page):
        return page.get_url(request=self.request)


class CampaignFeed(IndexPageFeed):
    """The latest live, public campaigns of a campaign index."""

    def description(self, campaign_index):
        default = _("The latest campaigns of %(index)s.") % {"index": campaign_index.title}
        return escape(campaign_index.intro or default)

    def items(self, campaign_index):
        return campaign_index.get_campaigns().order_by("-first_published_at")[:FEED_LENGTH]

    def item_title(self, campaign):
        return escape(f"{campaign.title} ({campaign.status.label})")

    def item_description(self, campaign):
        return escape(campaign.intro)

    def item_pubdate(self, campaign):
        return campaign.first_published_at

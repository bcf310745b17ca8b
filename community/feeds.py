"""The RSS feed of a campaign index: its latest live, public campaigns."""

from django.contrib.syndication.views import Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class CampaignFeed(Feed):
    """Built per request with its index page; feed readers treat text as HTML, so it is escaped."""

    def __init__(self, campaign_index):
        super().__init__()
        self.campaign_index = campaign_index
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.campaign_index

    def title(self, campaign_index):
        return escape(campaign_index.title)

    def link(self, campaign_index):
        return campaign_index.get_url(request=self.request)

    def description(self, campaign_index):
        default = _("The latest campaigns of %(index)s.") % {"index": campaign_index.title}
        return escape(campaign_index.intro or default)

    def items(self, campaign_index):
        return campaign_index.get_campaigns().order_by("-first_published_at")[:FEED_LENGTH]

    def item_title(self, campaign):
        return escape(f"{campaign.title} ({campaign.status.label})")

    def item_description(self, campaign):
        return escape(campaign.intro)

    def item_link(self, campaign):
        return campaign.get_url(request=self.request)

    def item_pubdate(self, campaign):
        return campaign.first_published_at

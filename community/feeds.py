"""RSS feeds: a reusable base for index pages, campaigns, community stories, campaign ideas."""

from django.contrib.syndication.views import Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from machina.apps.forum_conversation.models import Topic

from .credits import credited_name
from .models import Idea, IdeaStatus
from .notifications import topic_path
from .permissions import forums_readable_by_anonymous

FEED_LENGTH = 20
#: Characters of a post shown in a feed item.
DESCRIPTION_LENGTH = 500


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


class StoryFeed(IndexPageFeed):
    """The latest live, public stories of a community stories index."""

    def description(self, stories_index):
        default = _("The latest stories of %(index)s.") % {"index": stories_index.title}
        return escape(stories_index.intro or default)

    def items(self, stories_index):
        return stories_index.get_stories()[:FEED_LENGTH]

    def item_title(self, story):
        return escape(story.title)

    def item_description(self, story):
        return escape(story.summary)

    def item_pubdate(self, story):
        return story.first_published_at


def public_ideas(campaign):
    """The approved ideas of `campaign`'s forum, if anonymous visitors may read it; newest first."""
    if campaign.forum_id is None:
        return Topic.objects.none()
    return (
        Topic.objects.filter(
            forum=campaign.forum_id, forum__in=forums_readable_by_anonymous(), approved=True
        )
        .select_related("forum", "first_post", "idea__status", "poster__contributor_profile")
        .order_by("-created", "-pk")
    )


class CampaignIdeasFeed(IndexPageFeed):
    """The newest ideas of one campaign, with their status, as anonymous visitors see them.

    Topics waiting for moderation or hidden after reports are unapproved, so they never appear.
    """

    def __init__(self, campaign):
        super().__init__(campaign)
        self.default_status = None

    def title(self, campaign):
        return escape(_("Ideas for %(campaign)s") % {"campaign": campaign.title})

    def description(self, campaign):
        return escape(
            _("The newest ideas people brought to %(campaign)s.") % {"campaign": campaign.title}
        )

    def items(self, campaign):
        self.default_status = IdeaStatus.objects.default()
        return public_ideas(campaign)[:FEED_LENGTH]

    def item_status(self, topic):
        try:
            return topic.idea.status or self.default_status
        except Idea.DoesNotExist:
            return self.default_status

    def item_title(self, topic):
        status = self.item_status(topic)
        title = f"{topic.subject} ({status.name})" if status else topic.subject
        return escape(title)

    def item_description(self, topic):
        # The author's markdown as plain text: readers render descriptions as HTML.
        content = topic.first_post.content.raw if topic.first_post else ""
        return escape(Truncator(content).chars(DESCRIPTION_LENGTH))

    def item_link(self, topic):
        return topic_path(topic)

    def item_pubdate(self, topic):
        return topic.created

    def item_author_name(self, topic):
        return credited_name(topic.poster)

    def item_categories(self, topic):
        status = self.item_status(topic)
        return [status.name] if status else []

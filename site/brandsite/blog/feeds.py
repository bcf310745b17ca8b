"""The RSS feed of one blog, served by its index page's `feed/` route."""

import datetime

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from community.feeds import IndexPageFeed

from .models import FEED_LENGTH


class BlogFeed(IndexPageFeed):
    """The latest live, public posts of a blog index, newest first."""

    def description(self, blog_index):
        return escape(
            blog_index.intro or _("The latest posts of %(blog)s.") % {"blog": blog_index.title}
        )

    def items(self, blog_index):
        return blog_index.get_posts()[:FEED_LENGTH]

    def item_title(self, post):
        return escape(post.title)

    def item_description(self, post):
        return escape(post.intro)

    def item_pubdate(self, post):
        return timezone.make_aware(datetime.datetime.combine(post.date, datetime.time.min))

    def item_author_name(self, post):
        return ", ".join(author.name for author in post.authors) or None

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]

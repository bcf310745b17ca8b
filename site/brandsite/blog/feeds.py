"""The RSS feed of one blog, served by its index page's `feed/` route."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from .models import FEED_LENGTH


class BlogFeed(Feed):
    """The latest live, public posts of `blog_index`, newest first.

    Built per request (the index page is its object), so the request can live on the instance.
    Django's feed generator escapes XML; feed readers treat titles and descriptions as HTML, so
    the plain text of editors is HTML-escaped first, as Django's own `item_title` does
    (https://code.djangoproject.com/ticket/6533).
    """

    def __init__(self, blog_index):
        super().__init__()
        self.blog_index = blog_index
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.blog_index

    def title(self, blog_index):
        return escape(blog_index.title)

    def link(self, blog_index):
        return blog_index.get_url(request=self.request)

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

    def item_link(self, post):
        return post.get_url(request=self.request)

    def item_pubdate(self, post):
        return timezone.make_aware(datetime.datetime.combine(post.date, datetime.time.min))

    def item_author_name(self, post):
        return ", ".join(author.name for author in post.authors) or None

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]

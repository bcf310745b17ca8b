"""Forum posts in Wagtail's search index.

machina's models are not ours to change, so a proxy of machina's Post carries the search fields.
Signal handlers (receivers.py) keep its index entries in step with machina's saves and deletes,
and `manage.py update_index` rebuilds them with Wagtail's pages.
"""

import html
import re

from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_conversation.models import Post
from wagtail.search import index

_SPACES = re.compile(r"\s+")


def html_to_text(markup):
    """Rendered HTML as plain text: tags dropped, entities decoded, spaces collapsed."""
    return _SPACES.sub(" ", html.unescape(strip_tags(markup or ""))).strip()


class SitePost(index.Indexed, Post):
    """A forum post as the site search sees it: a thread's first post or a reply.

    Only the text is indexed. Who may see a post (approved post, approved topic, readable forum)
    is filtered in the database at each search, through the filter fields below, so a post that
    is held, hidden or moved never depends on the index being up to date.
    """

    search_fields = [
        # The thread's subject counts as the title of its first post only: replies repeat it
        # ("Re: …") and would otherwise crowd out the thread.
        index.SearchField("title", boost=2),
        index.SearchField("text"),
        index.FilterField("approved"),
        index.RelatedFields("topic", [index.FilterField("approved"), index.FilterField("forum")]),
    ]

    class Meta:
        proxy = True
        verbose_name = _("forum post")
        verbose_name_plural = _("forum posts")

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("topic")

    @property
    def starts_topic(self):
        """True for the first post of its thread (also while machina has not yet recorded it)."""
        return self.topic.first_post_id in (None, self.pk)

    @property
    def title(self):
        return self.topic.subject if self.starts_topic else ""

    @cached_property
    def text(self):
        """The post as plain text, from the HTML machina rendered (and our renderer sanitised)."""
        return html_to_text(self._content_rendered)

"""schema.org JSON-LD of public pages, as Python dicts: https://schema.org/docs/documents.html.

Home: Organization and WebSite (with the site search); blog posts: BlogPosting; community
stories: Article, based on their thread and crediting its contributors as they chose; campaigns:
WebPage; index pages: CollectionPage; approved public threads: DiscussionForumPosting with their
replies; every page but the home page: BreadcrumbList.
"""

from wagtail.models import Page

from .common import SCHEMA
from .forum import forum_items
from .pages import wagtail_page_items


def build_structured_data(context, meta):
    """The JSON-LD objects of the page rendered with `context`, each with its @context."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if isinstance(page, Page):
        items = wagtail_page_items(page, meta, context, request)
    else:
        items = forum_items(context, request)
    return [{"@context": SCHEMA, **item} for item in items]

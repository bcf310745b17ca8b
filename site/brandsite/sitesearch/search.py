"""What the site search finds: live, public pages and the forum posts a visitor may read.

Both go through Wagtail's search backend (WAGTAILSEARCH_BACKENDS): the database backend by
default, PostgreSQL full-text search on PostgreSQL, or OpenSearch/Elasticsearch. Visibility is
a filter of each query, never a property of the index.
"""

import re

from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from machina.apps.forum.models import Forum
from machina.apps.forum_permission.handler import PermissionHandler
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.index import SearchField
from wagtail.search.utils import normalise_query_string

from .models import SitePost, html_to_text

_WORD = re.compile(r"\w+")
#: Characters of text an excerpt shows around the first match.
EXCERPT_LENGTH = 240


def query_terms(query):
    """The words of `query`, lower-cased, without repeats: what is searched and marked."""
    terms = []
    for word in _WORD.findall(query.lower()):
        if word not in terms:
            terms.append(word)
    return terms


def readable_forum_ids(request):
    """The forums whose posts this visitor may read, under machina's permissions."""
    handler = getattr(request, "forum_permission_handler", None) or PermissionHandler()
    forums = handler.get_readable_forums(Forum.objects.all(), request.user)
    return list(forums.values_list("pk", flat=True))


def search_pages(terms, request):
    """Live pages of this site that no privacy setting restricts, as their specific types."""
    pages = Page.objects.live().public().specific()
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.in_site(site)
    return pages.search(" ".join(terms), operator="and")


def search_posts(terms, forum_ids):
    """Approved posts of approved topics in the forums given (those the visitor may read)."""
    posts = SitePost.objects.filter(
        approved=True, topic__approved=True, topic__forum__in=forum_ids
    ).select_related("topic__forum")
    return get_search_backend().search(" ".join(terms), posts, operator="and")


def promoted_results(query):
    """Editors' promoted results for `query`: external links and live, public pages."""
    return (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__in=Page.objects.live().public()))
        .select_related("page")
        .order_by("sort_order", "pk")
    )


class ResultSections:
    """Several search results, one after the other, as one sequence that a Paginator slices.

    Relevance scores of different models are not comparable on every backend, so the sections
    keep their own relevance order. A slice queries only the sections it spans: the queries of a
    results page do not grow with its length.
    """

    def __init__(self, *sections):
        self.sections = sections

    @cached_property
    def counts(self):
        return [section.count() for section in self.sections]

    def count(self):
        return sum(self.counts)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("ResultSections only supports slices.")
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        items, offset = [], 0
        for section, count in zip(self.sections, self.counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                items.extend(section[low:high])
            offset += count
        return items


def page_text(page):
    """The searchable text of a page (what was indexed, minus its title), as plain text."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            value = field.get_value(page)
            if isinstance(value, list | tuple):
                value = " ".join(str(item) for item in value)
            parts.append(str(value or ""))
    return html_to_text(" ".join(parts))


def highlight(text, terms, length=None):
    """`text` escaped, with the words starting with a term in <mark>, cut around the first match.

    Each stretch of text is escaped on its own before marks join them, so a term never matches
    inside an HTML entity and no character of `text` reaches the page unescaped.
    """
    pattern = _terms_pattern(terms)
    if length is not None:
        text = _window(text, pattern, length)
    if pattern is None:
        return escape(text)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def has_match(text, terms):
    pattern = _terms_pattern(terms)
    return bool(pattern and pattern.search(text))


def _terms_pattern(terms):
    if not terms:
        return None
    # Longest first, so that "scents" is marked whole rather than as "scent" + "s".
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    # A word that starts with a term: stemming backends also match "scents" for "scent".
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def _window(text, pattern, length):
    """About `length` characters of `text` around the first match, cut between words."""
    if len(text) <= length:
        return text
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - length // 3) if match else 0
    if start:
        space = text.find(" ", start, match.start())
        start = space + 1 if space != -1 else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")

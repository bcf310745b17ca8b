"""The public search page: pages and forum posts, promoted results first, recorded for editors."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query

from community.notifications import post_path, topic_path

from . import search

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput,
        error_messages={
            "max_length": _(
                "Search for at most %(limit_value)d characters (you typed %(show_value)d)."
            )
        },
    )


def site_search(request):
    """`?q=` searches pages and forum posts; `page` pages through the results."""
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    terms = search.query_terms(query)
    context = {"form": form, "query": query, "terms": terms, "searched": bool(terms)}
    if query and not terms:
        form.add_error("q", _("Type at least one word or number."))
    if terms:
        context.update(_results(request, query, terms))
    return render(request, "sitesearch/search.html", context)


def _results(request, query, terms):
    sections = search.ResultSections(
        search.search_pages(terms, request),
        search.search_posts(terms, search.readable_forum_ids(request)),
    )
    page_obj = Paginator(sections, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    first_page = page_obj.number == 1
    if first_page:
        # One hit per search, not per page turned, for the admin's "Search terms" report.
        Query.get(query).add_hit()
    pages_count, posts_count = sections.counts
    results = [_describe(item, terms, request) for item in page_obj.object_list]
    # The sections this page of results reaches, each numbered from its own first result.
    groups = [
        {
            "key": key,
            "heading": heading,
            "count": count,
            "start": page_obj.start_index() - offset if offset < page_obj.start_index() else 1,
            "results": [result for result in results if result["section"] == key],
        }
        for key, heading, count, offset in (
            ("pages", _("Pages"), pages_count, 0),
            ("forum", _("Forum"), posts_count, pages_count),
        )
    ]
    return {
        "page_obj": page_obj,
        "groups": [group for group in groups if group["results"]],
        "total": pages_count + posts_count,
        "pages_count": pages_count,
        "posts_count": posts_count,
        "promotions": list(search.promoted_results(query)) if first_page else [],
    }


def _describe(item, terms, request):
    """What the template shows of one result, whichever model it is."""
    if isinstance(item, search.SitePost):
        topic = item.topic
        starts_topic = item.pk == topic.first_post_id
        return {
            "section": "forum",
            "label": _("Forum thread") if starts_topic else _("Forum reply"),
            "title": search.highlight(topic.subject, terms),
            "url": topic_path(topic) if starts_topic else post_path(topic, item.pk),
            "context": topic.forum.name,
            "date": item.created,
            "excerpt": search.highlight(item.text, terms, search.EXCERPT_LENGTH),
        }
    text = search.page_text(item)
    if not search.has_match(text, terms) and item.search_description:
        text = item.search_description
    return {
        "section": "pages",
        "label": capfirst(item._meta.verbose_name),
        "title": search.highlight(item.title, terms),
        "url": item.get_url(request),
        "context": "",
        "date": item.last_published_at,
        "excerpt": search.highlight(text, terms, search.EXCERPT_LENGTH),
    }

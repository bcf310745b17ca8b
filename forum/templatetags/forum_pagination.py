"""Pagination links that keep the other query parameters (such as the topic list's sort)."""

from django import template

register = template.Library()

#: Pages linked on each side of the current page, besides the first and the last.
NEIGHBOURS = 2


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """`?…&page=N`: the current query string with its page replaced."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


def shown_page_numbers(current, last):
    """The page numbers a pagination bar links, in order, with None where it elides some.

    The first and the last page, the current one with its neighbours, and the first or last
    five when the current page is near that end: a topic of 1000 posts gets 7 links, not 67.
    """
    shown = {1, last}
    shown.update(range(current - NEIGHBOURS, current + NEIGHBOURS + 1))
    if current < 3:
        shown.update(range(1, 6))
    if current > last - 2:
        shown.update(range(last - 4, last + 1))
    numbers = sorted(number for number in shown if 1 <= number <= last)
    with_gaps = []
    for number in numbers:
        if with_gaps and number > with_gaps[-1] + 1:
            with_gaps.append(None)
        with_gaps.append(number)
    return with_gaps


@register.simple_tag(takes_context=True)
def page_links(context, page_obj):
    """The links of a pagination bar: {"number", "href", "current"}, or None for a gap."""
    return [
        number
        and {
            "number": number,
            "href": page_query(context, number),
            "current": number == page_obj.number,
        }
        for number in shown_page_numbers(page_obj.number, page_obj.paginator.num_pages)
    ]

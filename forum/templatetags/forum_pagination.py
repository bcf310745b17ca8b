"""Pagination links that keep the other query parameters (such as the topic list's sort)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """`?…&page=N`: the current query string with its page replaced."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()

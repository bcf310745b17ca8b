"""A forum's ancestors, read once per page: machina's breadcrumb and the JSON-LD trail show both."""

from django import template

register = template.Library()


@register.filter
def forum_ancestors(forum):
    """`forum`'s ancestors, root first, kept on the forum instance after the first read."""
    if not hasattr(forum, "_ancestors_list"):
        forum._ancestors_list = list(forum.get_ancestors())
    return forum._ancestors_list

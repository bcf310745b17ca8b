"""machina's `forum_list` tag, whose unread markers cost one query for the whole list.

Loaded after machina's `forum_tags` in our forum templates, this `forum_list` replaces machina's:
the same template and context, with the unread forums of our tracking handler.
"""

from django import template

from ..tracking import FlatTrackingHandler

register = template.Library()


@register.inclusion_tag("forum/forum_list.html", takes_context=True)
def forum_list(context, forum_visibility_contents):
    """The forums of a visibility tree, with their unread markers (machina's forum_list)."""
    request = context.get("request")
    data = {
        "forum_contents": forum_visibility_contents,
        "unread_forums": FlatTrackingHandler(request=request).get_unread_forums_from_list(
            request.user, forum_visibility_contents.forums
        ),
        "user": request.user,
        "request": request,
    }
    root_level = forum_visibility_contents.root_level
    if root_level is not None:
        data.update(
            root_level=root_level, root_level_middle=root_level + 1, root_level_sub=root_level + 2
        )
    return data

"""machina's `forum_list` tag, whose unread markers cost one query for the whole list.

Loaded after machina's `forum_tags` in our forum templates, this `forum_list` replaces machina's:
the same template and context, with the unread forums of our tracking handler. Its rendering,
the largest part of a forum index, is cached: what it shows comes from forums, topics, posts and
profiles, whose changes start a new content generation (brandsite.core.page_cache), and from
which forums the reader sees and has unread, which are part of the key. `forum_index` keeps a
visitor's whole index (list and statistics) under the content generation alone.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from brandsite.core.caching import seconds_to_keep
from brandsite.core.page_cache import content_generation

from ..tracking import FlatTrackingHandler

register = template.Library()

#: Renderings of an old generation are never read again; they expire after this long.
FORUM_LIST_CACHE_SECONDS = 10 * 60


@register.simple_tag(takes_context=True)
def forum_index(context, forum_visibility_contents):
    """The forum index's list and statistics (machina's index), from the cache for visitors.

    What a visitor's index shows comes from forums, permission rows, topics, posts and profiles,
    all of which start a new content generation: the generation and the language are the key,
    and the tree (ForumIndexView's, lazy) is built only when the index must be rendered.
    Members' unread markers need the tree: their list is kept by forum_list's own key.
    """
    request = context.get("request")
    if request.user.is_authenticated:
        return _render_forum_index(context, forum_visibility_contents)
    key = _hashed_key("forum-index:", (content_generation(), get_language()))
    html = cache.get(key)
    if html is None:
        html = _render_forum_index(context, forum_visibility_contents)
        cache.set(key, html, seconds_to_keep(FORUM_LIST_CACHE_SECONDS))
    # The template's own output, escaped as it rendered.
    return mark_safe(html)  # noqa: S308


def _render_forum_index(context, tree):
    top_nodes = tree.top_nodes
    return render_to_string(
        "forum/forum_index.html",
        {
            "forum_list": forum_list(context, tree),
            "total_posts_count": sum(node.posts_count for node in top_nodes),
            "total_topics_count": sum(node.topics_count for node in top_nodes),
        },
    )


def _hashed_key(prefix, parts):
    return prefix + hashlib.sha256(repr(parts).encode()).hexdigest()


@register.simple_tag(takes_context=True)
def forum_list(context, forum_visibility_contents):
    """The forums of a visibility tree, with their unread markers (machina's forum_list)."""
    request = context.get("request")
    data = _forum_list_context(request, forum_visibility_contents)
    key = _hashed_key(
        "forum-list:",
        (
            content_generation(),
            get_language(),
            data.get("root_level"),
            [node.obj.pk for node in forum_visibility_contents.nodes],
            sorted(forum.pk for forum in data["unread_forums"]),
        ),
    )
    html = cache.get(key)
    if html is None:
        prefetch_last_posts(forum_visibility_contents)
        html = render_to_string("forum/forum_list.html", data)
        cache.set(key, html, seconds_to_keep(FORUM_LIST_CACHE_SECONDS))
    # The template's own output, escaped as it rendered.
    return mark_safe(html)  # noqa: S308


def prefetch_last_posts(tree):
    """The last posts of a forum visibility tree, with their topics and posters' profiles.

    machina's tree joins each forum's last post and its poster; the forum list also links to the
    post's topic and names its poster by their profile: two queries for all forums, not two each,
    and none when the list's rendering is reused.
    """
    last_posts = [node.obj.last_post for node in tree.nodes if node.obj.last_post_id]
    prefetch_related_objects(last_posts, "topic", "poster__contributor_profile")


def _forum_list_context(request, forum_visibility_contents):
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

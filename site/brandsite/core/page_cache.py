"""Anonymous full-page cache: visitors' GETs are answered from the cache, members always fresh.

A campaign shared widely brings bursts of visitors who all read the same pages. Their pages hold
nothing personal (no session, no CSRF token, no messages), so one rendering serves them all for
`ANONYMOUS_PAGE_CACHE_SECONDS`. Publishing, new or moderated posts, status changes and settings
start a new generation at once; idea and variant vote counts are the one thing allowed to lag,
by at most that many seconds, so that a burst of votes does not empty the cache.

The middleware sits before the session middleware: a hit costs one cache round trip and no
database query.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import agreed_generation

GENERATION_KEY = "anonymous-page:generation"
KEY_PREFIX = "anonymous-page:"

# Query parameters that select what a page shows; any other parameter bypasses the cache, so
# that random query strings cannot fill it.
CACHED_QUERY_PARAMETERS = frozenset({"page", "sort", "status", "post"})

# Paths whose GETs have a side effect or must reflect the database: search records its queries.
UNCACHED_PATH_PARTS = ("/admin/", "/search/", "/accounts/", "/__")

# Changes that alter what visitors read, by model label. Votes and read tracking are left out
# on purpose (see the module docstring), as are audit and notification rows.
CONTENT_MODELS = frozenset(
    {
        "forum.Forum",
        "forum_conversation.Topic",
        "forum_conversation.Post",
        "forum_attachments.Attachment",
        "forum_permission.ForumPermission",
        "forum_permission.GroupForumPermission",
        "forum_permission.UserForumPermission",
        "forum_polls.TopicPoll",
        "forum_polls.TopicPollOption",
        "forum_member.ForumProfile",
        "community.Idea",
        "community.IdeaStatus",
        "community.IdeaStatusChange",
        "community.ContributorProfile",
        "community.BadgeAward",
        "blog.Author",
        "taggit.Tag",
        "wagtailcore.Site",
        "wagtailcore.PageViewRestriction",
        "wagtailimages.Image",
    }
)


def cache_seconds():
    return getattr(settings, "ANONYMOUS_PAGE_CACHE_SECONDS", 0)


def content_generation():
    """The generation of what visitors read: part of the key of anything rendered from it."""
    return agreed_generation(GENERATION_KEY, cache.get(GENERATION_KEY))


def invalidate_anonymous_pages():
    """Start a new generation: every page cached before is stale from now on."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _is_content_change(instance, created):
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        # Settings rows are created with their defaults on first read: nothing visible changed.
        return not created
    return type(instance)._meta.label in CONTENT_MODELS or isinstance(instance, Page)


def _invalidate_now_and_on_commit():
    invalidate_anonymous_pages()
    # A page rendered between the save and the commit of its transaction read the old rows
    # under the new generation: a second one, once they are committed, retires it.
    transaction.on_commit(invalidate_anonymous_pages)


def _on_model_change(sender, instance, created=False, **kwargs):
    if _is_content_change(instance, created):
        _invalidate_now_and_on_commit()


def _on_page_change(sender, **kwargs):
    _invalidate_now_and_on_commit()


def connect_invalidation():
    post_save.connect(_on_model_change, dispatch_uid="anonymous_page_cache.save")
    post_delete.connect(_on_model_change, dispatch_uid="anonymous_page_cache.delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_change, dispatch_uid=f"anonymous_page_cache.{id(signal)}")


def _is_cacheable_request(request):
    if request.method != "GET" or not cache_seconds():
        return False
    # A member, or a visitor with a session or a message waiting: their page is their own.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if any(part in request.path for part in UNCACHED_PATH_PARTS):
        return False
    return set(request.GET) <= CACHED_QUERY_PARAMETERS


def _is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


class AnonymousPageCacheMiddleware:
    """Answer anonymous GETs of public HTML pages from the cache, and store what was rendered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        # Hashed: a topic's address can be longer than the 250 characters a cache key may have.
        address = f"{request.get_host()}{request.get_full_path()}"
        page_key = KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()
        # One round trip: the current generation and the stored page, checked against each other.
        found = cache.get_many([GENERATION_KEY, page_key])
        generation = agreed_generation(GENERATION_KEY, found.get(GENERATION_KEY))
        stored = found.get(page_key)
        if stored is not None and stored[0] == generation:
            response = stored[1]
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _is_cacheable_response(response):
            response["X-Cache"] = "miss"
            cache.set(page_key, (generation, response), cache_seconds())
        return response

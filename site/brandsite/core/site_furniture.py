"""What every public page reads about its site, kept across requests until the content changes.

Every page looks up the Wagtail site of its host, the site's settings (brand name, search-engine
rules, …) and the header's section links: one query each, on every request, for rows that change
only when an editor saves them. Saving a site, a setting or a page starts a new content generation
(brandsite.core.page_cache), which is part of the key, so an edit shows on the next request.
Wagtail reads what is put on the request (`request._wagtail_site`, each setting's cache
attribute) instead of querying.
"""

import hashlib

from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.contrib.settings.context_processors import settings as wagtail_settings
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Page, Site

from .caching import seconds_to_keep
from .page_cache import content_generation

#: Entries of an old generation are never read again; they expire after this long.
SITE_FURNITURE_CACHE_SECONDS = 60 * 60

# The admin edits sites and settings: it reads them from the database, as Wagtail does. Health
# checks, media and bench views render no page.
UNCACHED_PATH_PARTS = ("/admin/", "/__", "/media/", "/healthz")


def _key(kind, generation, request, *parts):
    hostname = split_domain_port(request._get_raw_host())[0]
    # Hashed: a host name may be longer than a cache key allows.
    address = repr((hostname, request.get_port(), *parts)).encode()
    return f"site-furniture:{kind}:{generation}:{hashlib.sha256(address).hexdigest()}"


def _settings(site):
    found = {}
    for model in registry:
        if issubclass(model, BaseGenericSetting):
            found[model.get_cache_attr_name()] = model.load()
        elif issubclass(model, BaseSiteSetting) and site is not None:
            found[model.get_cache_attr_name()] = model.for_site(site)
    return found


def _sections(site):
    """The site's campaign and blog indexes, as the main navigation links them."""
    from brandsite.blog.models import BlogIndexPage
    from community.models import CampaignIndexPage

    if site is None:
        return []
    pages = (
        Page.objects.live()
        .public()
        .child_of(site.root_page)
        .type(CampaignIndexPage, BlogIndexPage)
        .order_by("path")
    )
    return [{"title": page.title, "url": page.url} for page in pages]


def _store(key, value):
    cache.set(key, value, seconds_to_keep(SITE_FURNITURE_CACHE_SECONDS))
    return value


def _cached(key, compute):
    value = cache.get(key)
    return _store(key, compute()) if value is None else value


def attach_site(request):
    """Put the Wagtail site of `request`'s host on it, where Site.find_for_request looks first."""
    request.content_generation = content_generation()
    key = _key("site", request.content_generation, request)
    # Wrapped: a host without a site is cached as None.
    request._wagtail_site = _cached(key, lambda: [Site._find_for_request(request)])[0]


def attach_settings_and_sections(request):
    """Put the site's settings, where their for_request and load look first, and its section
    links on `request`: what a page's layout reads, in one cache round trip when kept."""
    generation = getattr(request, "content_generation", None) or content_generation()
    site = Site.find_for_request(request)
    settings_key = _key("settings", generation, request)
    sections_key = _key("sections", generation, request, get_language())
    found = cache.get_many([settings_key, sections_key])
    # Missing from the one round trip: worked out and stored, not asked for again.
    if settings_key not in found:
        found[settings_key] = _store(settings_key, _settings(site))
    if sections_key not in found:
        found[sections_key] = _store(sections_key, _sections(site))
    for attribute, instance in found[settings_key].items():
        instance._request = request  # as for_request does: page URLs of settings use it
        setattr(request, attribute, instance)
    request.site_sections = found[sections_key]


def site_sections(request):
    """The header's section links of `request`'s site: a list of {"title", "url"}."""
    sections = getattr(request, "site_sections", None)
    if sections is None:  # a template rendered without the context processor below
        sections = _sections(Site.find_for_request(request))
    return sections


def settings(request):
    """Wagtail's `settings` context processor, with the settings read from the cache.

    Only requests that render a template with their context pay for the settings and links.
    """
    if not any(part in request.path for part in UNCACHED_PATH_PARTS):
        attach_settings_and_sections(request)
    return wagtail_settings(request)


class SiteFurnitureMiddleware:
    """The site of the request from the cache: Wagtail's routing and every page look it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not any(part in request.path for part in UNCACHED_PATH_PARTS):
            attach_site(request)
        return self.get_response(request)

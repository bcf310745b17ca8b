"""Old addresses of a renamed page keep working: below the page and in every language.

When an editor changes a page's slug, Wagtail records a redirect from the old path of the page and
of each live page below it (WAGTAILREDIRECTS_AUTO_CREATE), and its middleware answers requests
for exactly those paths. It misses two kinds of old address, which this middleware adds:
- the French addresses (`/fr/old-slug/`): redirects are recorded without the language prefix;
- addresses below the page that are not pages themselves, such as the routes of a routable page
  (`/campaigns/old-slug/feed/`): they follow the nearest renamed page found above them.
https://docs.wagtail.org/en/stable/editor_manual/managing_redirects.html
"""

from django import http
from django.conf import settings
from django.utils.translation import get_language_from_path
from wagtail.contrib.redirects.middleware import RedirectMiddleware
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site


class PageRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects, then the old addresses below renamed pages and under /fr/."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.status_code != 404:
            return response
        target = redirect_target(request)
        if target is None:
            return response
        return http.HttpResponsePermanentRedirect(target)


def _split_language(path):
    """(`/fr`, rest) for a path under a language prefix, ("", path) otherwise."""
    language = get_language_from_path(path)
    prefix = f"/{language}"
    if language and language != settings.LANGUAGE_CODE and path.startswith(prefix + "/"):
        return prefix, path[len(prefix) :]
    return "", path


def redirect_target(request):
    """Where a 404's path goes when a page above it (or itself, under /fr/) was renamed."""
    language_prefix, path = _split_language(request.path)
    normalised = Redirect.normalise_path(path)
    # The path itself (only missed by Wagtail under a language prefix), then each page above it.
    segments = normalised.strip("/").split("/")
    candidates = ["/" + "/".join(segments[:length]) for length in range(len(segments), 0, -1)]
    if not language_prefix:
        candidates = candidates[1:]
    found = {
        redirect.old_path: redirect
        for redirect in Redirect.get_for_site(Site.find_for_request(request))
        .filter(old_path__in=candidates)
        .select_related("redirect_page")
    }
    for candidate in candidates:
        redirect = found.get(candidate)
        below = normalised[len(candidate) :]
        if redirect is None or (below and not redirect.automatically_created):
            continue
        link = redirect.link
        if not link:
            return None
        # `link` is built in the active language, which LocaleMiddleware took from the prefix.
        target = link.rstrip("/") + below + ("/" if path.endswith("/") else "") if below else link
        if target == request.path:  # the page took its old slug back: nothing to redirect
            return None
        query = request.META.get("QUERY_STRING", "")
        return f"{target}?{query}" if query else target
    return None

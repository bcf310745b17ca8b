"""robots.txt, and the `X-Robots-Tag: noindex` of the same private addresses.

Crawlers that obey robots.txt never fetch these addresses; the header keeps the pages out of an
index all the same when a crawler reaches them through a link (a disallowed page can be listed
without being fetched). Patterns follow RFC 9309: `*` stands for any characters.
"""

import re

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

#: Outside the language prefix: the Wagtail admin (moderation queue and story promotion too).
UNPREFIXED_PRIVATE_PATHS = ("/admin/",)

#: Under the language prefix (none for English, /fr/ for French).
PRIVATE_PATHS = (
    # allauth: sign-in, sign-up, password and e-mail management.
    "/accounts/",
    # Search results: endless combinations of thin pages.
    "/search/",
    "/forum/search/",
    # Community routes that are not public pages (people/ profiles are public, opt-in indexed).
    "/community/account/",
    "/community/notifications/",
    "/community/unsubscribe/",
    "/community/ideas/",
    "/community/forums/",
    "/community/posts/",
    "/community/stories/",
    # machina: topic creation and editing, replies (create, update, delete), poll votes.
    "/forum/forum/*/topic/create/",
    "/forum/forum/*/update/",
    "/forum/forum/*/post/",
    "/forum/poll/",
    # machina: moderation (lock, move, delete, queue), member pages and subscriptions, read marks.
    "/forum/moderation/",
    "/forum/member/",
    "/forum/tracking/",
)


def language_prefixes():
    """ "" for the default language (served at the root), "/fr" and so on for the others."""
    return [
        "" if code == settings.LANGUAGE_CODE else f"/{code}" for code, _name in settings.LANGUAGES
    ]


def disallowed_paths():
    """Every private path pattern, in every language."""
    localized = [prefix + path for prefix in language_prefixes() for path in PRIVATE_PATHS]
    return [*UNPREFIXED_PRIVATE_PATHS, *localized]


def _pattern_regex(pattern):
    # RFC 9309: a rule matches from the start of the path; `*` is any run of characters.
    return "".join(".*" if part == "*" else re.escape(part) for part in re.split(r"(\*)", pattern))


PRIVATE_PATH_RE = re.compile("|".join(_pattern_regex(path) for path in disallowed_paths()))


def is_private_path(path):
    """Whether robots.txt disallows `path`."""
    return PRIVATE_PATH_RE.match(path) is not None


def robots_txt(request):
    """The rules for every crawler, and the absolute address of the sitemap."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallowed_paths()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

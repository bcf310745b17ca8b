"""The authorisation matrix of tests/authorization_matrix.md: every row sent as every role.

The world (tests/authorization.py) is built once for the module; each case runs in a
transaction rolled back after it, so every case starts from the same world.
"""

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.urls import URLResolver, get_resolver, resolve
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Site, get_page_models

from tests.authorization import ROLES, build_world
from tests.authorization_forms import FORMS, form_data
from tests.authorization_probes import PROBES

MATRIX = Path(__file__).with_name("authorization_matrix.md")
SIGN_IN_PAGES = ("/accounts/login/", "/admin/login/")
#: Where Wagtail sends a signed-in user it refuses, with its "permission denied" message.
ADMIN_HOME = "/admin/"
#: A browser's, so that the page-view beacon counts the read.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@dataclass(frozen=True)
class Row:
    """One request of the matrix and what each role must get from it."""

    method: str
    url: str
    expected: dict
    data: str
    watch: str

    def __str__(self):
        return f"{self.method} {self.url}"


def read_matrix(path=MATRIX):
    """The rows of every table of `path` (Markdown) whose header starts with "method"."""
    rows, columns = [], None
    for line in path.read_text().splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] == "method":
            columns = cells
        elif columns and not set(cells[0]) <= {"-"}:
            values = dict(zip(columns, cells, strict=True))
            expected = {role: values[role] for role in ROLES}
            rows.append(
                Row(values["method"], values["url"], expected, values["data"], values["watch"])
            )
    return rows


ROWS = read_matrix()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


def watched(row, world, client):
    """What `row` watches, now (None for a row checked on its answer alone)."""
    if row.watch == "-":
        return None
    name, _, argument = row.watch.partition(":")
    scope, probe = PROBES[name]
    return probe(client) if scope == "session" else probe(world, argument)


def send(row, world, client):
    url, data = world.url(row.url), form_data(row.data, world)
    send_as = client.get if row.method == "GET" else client.post
    return send_as(url, data, headers={"User-Agent": USER_AGENT})


def assert_outcome(row, role, response, before, after, actor):
    expected = row.expected[role]
    location = response.get("Location", "")
    outcome = f"{response.status_code} {location}".strip()
    if expected == "ok":
        assert response.status_code < 400, outcome
        assert after != before, f"nothing changed ({outcome})"
        if PROBES[row.watch.partition(":")[0]][0] == "actor":
            changed = {
                key for key in before.keys() | after.keys() if before.get(key) != after.get(key)
            }
            assert changed == {actor.pk}, f"changed what belongs to users {changed}"
        return
    status, _, where = expected.partition(" ")
    assert response.status_code == int(status), outcome
    if where == "login":
        assert location.startswith(SIGN_IN_PAGES), outcome
    elif where == "denied":
        assert location == ADMIN_HOME, outcome
    elif status == "302":
        assert not location.startswith(SIGN_IN_PAGES), outcome
    assert after == before, f"refused ({outcome}), yet it changed what the row watches"


@pytest.mark.parametrize(
    ("row", "role"), [pytest.param(row, role, id=f"{row}-{role}") for row in ROWS for role in ROLES]
)
def test_each_role_gets_what_the_matrix_says(world, db, client, row, role):
    actor = world.user(role)
    if actor is not None:
        client.force_login(actor)
    before = watched(row, world, client)

    response = send(row, world, client)

    assert_outcome(row, role, response, before, watched(row, world, client), actor)


def test_the_matrix_is_well_formed():
    assert len(ROWS) == len({str(row) for row in ROWS}), "a row is listed twice"
    for row in ROWS:
        assert row.method in ("GET", "POST"), row
        assert row.data == "-" or row.data in FORMS, row
        assert row.watch == "-" or row.watch.partition(":")[0] in PROBES, row
        for role, cell in row.expected.items():
            assert re.fullmatch(r"ok|\d{3}|302 (login|denied)", cell), (row, role, cell)
            assert cell != "ok" or row.watch != "-", f"{row}: 'ok' needs something to watch"


# The matrix cannot go stale: every URL pattern is some row's, or is listed below.

#: URLs that change nothing and need no row (globs of routes or URL names), with the reason.
READ_ONLY = {
    # Reading: pages, feeds, search, profiles, files.
    "healthz": "the health check",
    "sitemap": "the sitemap",
    "robots_txt": "robots.txt",
    "wagtail_serve": "Wagtail pages; the writing routes of routable pages are rows",
    "*:index_route": "a routable page itself",
    "*:*feed": "RSS feeds",
    "blog.BlogIndexPage:posts_by_tag": "the blog's tag pages",
    "wagtaildocs_serve": "documents, served by their collection's privacy",
    "media/*": "public image files and avatars (GET and HEAD only: tests/brandsite/test_media.py)",
    "sitesearch:search": "site search",
    "forum/search/": "the redirect to site search",
    "forum_search:search": "machina's search, behind that redirect",
    "community:similar_ideas": "the ideas like a title being typed, as JSON",
    "community:notifications": "one's own notifications (marking them read is a row)",
    "community:profile": "a contributor's public profile",
    "community:download_my_data": "one's own data as JSON (tests/community/test_account_data.py)",
    "forum_index": "the forum index",
    "forum:index": "machina's forum index, behind ours",
    "forum_sorted_topics": "a forum's topics",
    "forum:forum": "machina's forum page, behind ours",
    "topic_detail": "a topic's page",
    "forum_conversation:topic": "machina's topic page, behind ours",
    "forum/feeds/*": "the forum's feeds",
    "forum/moderation/queue/": "machina's queue: a redirect to the Wagtail queue (a row)",
    "forum/member/profile/*": "member pages: redirects to ours, a member's posts, not found",
    "forum_member:user_subscriptions": "one's own machina subscriptions",
    "forum_tracking:unread_topics": "one's own unread topics",
    # Pages that say what happened.
    "account_inactive": "allauth: the account is inactive",
    "account_email_verification_sent": "allauth: a confirmation e-mail was sent",
    "account_reset_password_done": "allauth: the reset e-mail was sent",
    "account_reset_password_from_key_done": "allauth: the password was changed",
    "wagtailadmin_password_reset_done": "Wagtail: the reset e-mail was sent",
    "wagtailadmin_password_reset_complete": "Wagtail: the password was changed",
    # The admin's furniture.
    "admin/test404/": "Wagtail's 404 test page",
    "admin/.*/": "Wagtail's 404 for unknown admin URLs",
    "wagtailadmin_error_test": "Wagtail's error test page",
    "wagtailadmin_sprite": "Wagtail's icons",
    "wagtailadmin_javascript_catalog": "Wagtail's translations for scripts",
    "wagtailadmin_tag_*autocomplete": "tag suggestions",
    "wagtailadmin_dismissibles": "one's own dismissed admin hints",
    "wagtailadmin_editing_sessions:*": "who else is editing the same page",
    "wagtailadmin_block_preview": "previews of blocks",
    "admin/settings/<slug:app_name>/<slug:model_name>/": "the redirect to a setting's form",
    "wagtailsettings:preview_on_edit": "a setting's preview",
    # Parts of a screen that has a row: the same permission, no change of their own.
    "*:index_results": "a listing's results",
    "*:list_results": "a listing's results",
    "sitesearch_search_terms_results": "a report's results",
    "*:history": "an object's history",
    "*:history_results": "an object's history",
    "*:usage": "where an object is used",
    "*:copy": "an add form, prefilled (saving it is the add row)",
    "wagtailsnippetchoosers_*:choose*": "choosing a snippet (its create URL is a row)",
    "wagtailsnippetchoosers_*:chosen*": "choosing a snippet",
    "wagtailsnippets:index": "the list of snippet types",
}

#: Wagtail's own screens, kept by Wagtail's permission policies; rows sample each family for
#: what community/roles.py grants there (page editing, images, documents, settings…).
WAGTAIL_ADMIN = (
    "wagtailadmin_api:*",
    "wagtailadmin_explore*",
    "wagtailadmin_pages:*",
    "wagtailadmin_choose_page*",
    "wagtailadmin_collections:*",
    "wagtailadmin_workflows:*",
    "wagtailadmin_reports:*",
    "wagtailimages:*",
    "wagtailimages_chooser:*",
    "wagtaildocs:*",
    "wagtaildocs_chooser:*",
    "wagtailredirects:*",
    "wagtailsearchpromotions:*",
    "wagtailsites:*",
    "wagtailembeds:*",
)


def _normalised(route):
    # machina mixes regex and path routes: "forum/^member/…" is "forum/member/…".
    return route.replace("^", "").replace("$", "")


def url_patterns(patterns=None, prefix="", namespace=""):
    """(route, namespaced name) of every pattern the project serves, in resolving order."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + _normalised(str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from url_patterns(pattern.url_patterns, route, inner)
        else:
            yield route, ":".join(part for part in (namespace, pattern.name or "") if part)


def page_routes():
    """`<page model>:<view>` of every route of the routable page types."""
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                yield f"{model._meta.label}:{pattern.callback.__name__}", ""


def route_of(url):
    """What serves `url`: its pattern's route, or `<page model>:<view>` on a routable page."""
    path = url.split("?")[0]
    match = resolve(path)
    if match.url_name != "wagtail_serve":
        return _normalised(match.route)
    root = Site.objects.get(is_default_site=True).root_page.specific
    components = [part for part in path.split("/") if part]
    page, (view, *_arguments), _kwargs = root.route(RequestFactory().get(path), components)
    return f"{type(page)._meta.label}:{view.__name__}"


def test_every_url_is_in_the_matrix_or_listed_as_read_only(world, db):
    covered = {route_of(world.url(row.url)) for row in ROWS}
    exempt = [*READ_ONLY, *WAGTAIL_ADMIN]
    missing = [
        f"{route}  ({name})"
        for route, name in [*url_patterns(), *page_routes()]
        if route not in covered
        and not any(fnmatchcase(route, glob) or fnmatchcase(name, glob) for glob in exempt)
    ]
    assert not missing, "Add these to tests/authorization_matrix.md:\n" + "\n".join(missing)

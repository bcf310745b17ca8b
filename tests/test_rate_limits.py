"""Every surface that signs in, checks a password, sends e-mail or writes for a member has a limit.

Each row of tests/rate_limit_surfaces.py sends as many requests as its limit lets through, then
one more that would sign someone in, send an e-mail or write a row, checks it is refused and
changed nothing, then clears the counts and sends it again: it goes through, so the limit alone
refused it. With Redis (REDIS_URL), every row runs a second time with each request on another
cache client, as requests spread over several workers are: the count is one count.
"""

import itertools

import pytest
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core import mail
from django.core.cache import cache, caches

from tests.rate_limit_surfaces import SILENTLY, SURFACES, World, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def sign_ins():
    """Everyone signed in, in turn."""
    signed_in = []

    def record(user, **kwargs):
        signed_in.append(user.pk)

    user_logged_in.connect(record, dispatch_uid="test_rate_limits")
    yield signed_in
    user_logged_in.disconnect(dispatch_uid="test_rate_limits")


REDIS = "redis" in settings.CACHES["default"]["BACKEND"].lower()


@pytest.fixture(
    params=[
        1,
        pytest.param(
            2,
            marks=pytest.mark.skipif(
                not REDIS,
                reason="two cache clients share one count only where the cache is a server: "
                "set REDIS_URL (local memory is one process's own)",
            ),
        ),
    ],
    ids=["one worker", "two workers"],
)
def next_worker(request):
    """Switch to the next worker's own cache client before each request (one, or two in turn)."""
    clients = [caches.create_connection("default") for _worker in range(request.param)]
    turns = itertools.cycle(clients)
    original = caches["default"]

    def switch():
        caches["default"] = next(turns)

    yield switch
    caches["default"] = original


def send(world, surface, n):
    address = f"10.0.{n // 250}.{n % 250 + 1}" if surface.from_many_addresses else "127.0.0.1"
    send_method = getattr(world.client, surface.method.lower())
    return send_method(surface.url(world, n), surface.data(world, n), REMOTE_ADDR=address)


def refused(response, refusal):
    if refusal is SILENTLY:
        return True
    if isinstance(refusal, int):
        return response.status_code == refusal
    return refusal in response.content.decode()


@pytest.mark.parametrize("surface", SURFACES, ids=[surface.name for surface in SURFACES])
def test_a_request_past_the_limit_is_refused_and_changes_nothing(
    client, surface, sign_ins, next_worker
):
    world = World(client)
    if surface.signed_in:
        client.force_login(world.member)

    def state():
        return len(mail.outbox), len(sign_ins), surface.written(world)

    for n in range(surface.limit):
        next_worker()
        before = state()
        response = send(world, surface, n)
        assert response.status_code < 500, n
        if surface.refusal is not SILENTLY:
            assert not refused(response, surface.refusal), n
        if len(sign_ins) != before[1] and not surface.signed_in:
            client.logout()  # Each visitor's attempt starts signed out.

    next_worker()
    before = state()
    response = send(world, surface, surface.limit)

    assert refused(response, surface.refusal)
    assert state() == before

    # Refused by the limit alone: with the counts cleared, the same request goes through.
    cache.clear()
    send(world, surface, surface.limit)
    assert state() != before


def test_the_admin_leaves_passwords_to_allauths_limited_forms(client, editor):
    # Wagtail's own reset and change forms count nothing: they are off, and lead to allauth's.
    assert client.post("/admin/password_reset/", {"email": editor.email}).status_code == 404
    assert not mail.outbox
    assert 'href="/accounts/password/reset/"' in client.get("/admin/login/").content.decode()
    client.force_login(editor)
    account = client.get("/admin/account/").content.decode()
    assert 'name="password-old_password"' not in account
    assert 'href="/accounts/password/change/"' in account


def test_behind_a_proxy_each_visitor_has_their_own_count(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def attempt(visitor):
        return client.post(
            "/accounts/login/",
            login("", ""),
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=visitor,
        )

    for _attempt in range(30):
        assert attempt("203.0.113.7").status_code == 200
    assert attempt("198.51.100.23").status_code == 200
    assert attempt("203.0.113.7").status_code == 429

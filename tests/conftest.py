"""Role fixtures shared by every test: one user per role and a client signed in as each."""

import time
from types import SimpleNamespace

import pytest

from tests.factories import create_user


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def consumer(db):
    return create_user("consumer")


@pytest.fixture
def moderator(db):
    return create_user("moderator")


@pytest.fixture
def editor(db):
    return create_user("editor")


@pytest.fixture
def admin_user(db):
    return create_user("admin")


@pytest.fixture
def client_as(client):
    """Sign the test client in as the given user and return it."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def without_rate_limits(settings):
    """No community rate limit applies: for tests that repeat actions to race them."""
    from community.ratelimits import DEFAULT_RATE_LIMITS

    settings.COMMUNITY_RATE_LIMITS = dict.fromkeys(DEFAULT_RATE_LIMITS, "")


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Community rate limits count in fixed windows: each test runs inside one, not across two."""
    from community import ratelimits

    now = time.time()
    monkeypatch.setattr(ratelimits, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def uncached_pages(settings):
    """Turn the anonymous page cache off: query-count tests measure what a rendering costs."""
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0

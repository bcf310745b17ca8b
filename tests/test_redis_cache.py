"""The Redis cache backend shares one redis-py client per server and behaves as Django's."""

import pytest
from django.core.cache import cache, caches

from brandsite.core.redis_cache import SharedClientRedisCache

pytestmark = pytest.mark.skipif(
    not isinstance(caches["default"], SharedClientRedisCache),
    reason="runs with REDIS_URL set (as in CI's PostgreSQL and Redis run)",
)


def test_every_call_uses_the_same_client():
    backend = caches["default"]._cache
    assert backend.get_client("a") is backend.get_client("b", write=True)


def test_values_round_trip_as_with_djangos_backend():
    cache.set("shared-client:a", {"one": 1}, 30)
    assert cache.add("shared-client:b", b"two", 30)
    assert not cache.add("shared-client:b", b"other", 30)
    assert cache.get_many(["shared-client:a", "shared-client:b", "shared-client:none"]) == {
        "shared-client:a": {"one": 1},
        "shared-client:b": b"two",
    }
    cache.set("shared-client:count", 1, 30)
    assert cache.incr("shared-client:count", 2) == 3
    cache.delete_many(["shared-client:a", "shared-client:b"])
    assert cache.get("shared-client:a") is None

"""How long answers that signals forget may be kept, by whether every worker shares the cache."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache


def seconds_to_keep(seconds):
    """`seconds` with a shared cache (Redis); at most PROCESS_CACHE_MAX_SECONDS with a cache in
    each process's memory, whose other workers never hear the signals that forget an answer."""
    if isinstance(caches["default"], LocMemCache):
        return min(seconds, settings.PROCESS_CACHE_MAX_SECONDS)
    return seconds

"""Generations that signals move on, and how long answers keyed by them may be kept."""

import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache


def seconds_to_keep(seconds):
    """`seconds` with a shared cache (Redis); at most PROCESS_CACHE_MAX_SECONDS with a cache in
    each process's memory, whose other workers never hear the signals that forget an answer."""
    if isinstance(caches["default"], LocMemCache):
        return min(seconds, settings.PROCESS_CACHE_MAX_SECONDS)
    return seconds


def agreed_generation(key, stored):
    """`stored`, the generation read under `key`; if there is none yet, a new one that every
    worker starting one at the same time agrees on (`add`, not `set`)."""
    if stored is not None:
        return stored
    generation = uuid.uuid4().hex
    if cache.add(key, generation, None):
        return generation
    return cache.get(key, generation)

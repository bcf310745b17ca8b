"""Test runs: fast hashing, local-memory caches (Redis if REDIS_URL names one) and e-mail."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL

SECRET_KEY = "insecure-test-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_EMAIL_VERIFICATION = "optional"
WAGTAILADMIN_BASE_URL = "http://testserver"
# A shared Redis cache when REDIS_URL is set (CI proves rate limits on it), local memory otherwise.
# Each test empties the cache (FLUSHDB: that index only), so tests need an index of their own.
if REDIS_URL:
    redis_url = urlsplit(REDIS_URL)
    if not redis_url.path.strip("/") and "db=" not in redis_url.query:
        raise ImproperlyConfigured(
            "REDIS_URL for tests must name a Redis index of their own, "
            "e.g. redis://127.0.0.1:6379/15: every test empties it."
        )
else:
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
CACHES["machina_attachments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests serve static files from the app folders, as in development: no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

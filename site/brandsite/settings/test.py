"""Test runs: fast hashing, local-memory caches and e-mail, nothing leaves the process."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "insecure-test-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_EMAIL_VERIFICATION = "optional"
WAGTAILADMIN_BASE_URL = "http://testserver"
# A shared Redis cache when REDIS_URL is set (CI proves rate limits on it), local memory otherwise.
if not env("REDIS_URL", default=""):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
CACHES["machina_attachments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests serve static files from the app folders, as in development: no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

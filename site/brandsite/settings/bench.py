"""`make bench`: the production settings, served on loopback by bench/run.py.

Nothing of production is relaxed: the bench client plays the TLS-terminating proxy and sends
`X-Forwarded-Proto: https`, so the HTTPS redirect, HSTS and secure cookies stay as they are.
The run sets DJANGO_SECRET_KEY (new each run) and DJANGO_ALLOWED_HOSTS=127.0.0.1.
"""

from .base import PROJECT_DIR
from .production import *  # noqa: F403

# The site's URLs plus the trivial reference view.
ROOT_URLCONF = "brandsite.bench_urls"
# generate_bench_data creates accounts with a known password: only here or with DEBUG.
BENCH_DATA_ALLOWED = True

BENCH_DIR = PROJECT_DIR / "var" / "bench"
STATIC_ROOT = BENCH_DIR / "static"
MEDIA_ROOT = BENCH_DIR / "media"

# A failed request under load is reported with its traceback in the server's log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}

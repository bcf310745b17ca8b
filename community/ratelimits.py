"""Per-user limits on how often people post, vote, report and follow, counted in the shared cache.

Fixed windows counted with `cache.add` + `cache.incr`, both atomic in Redis, so every web worker
sees the same count; a burst may reach twice a rate across a window boundary, which is enough to
stop floods and scripts. Rates are set in `COMMUNITY_RATE_LIMITS` as "amount/period" pairs
separated by commas, allauth-style ("6/m,60/h"; periods s, m, h, d, optionally with a number).
"""

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_RATE_LIMITS = {
    "post": "6/m,60/h",
    "vote": "30/m,300/h",
    "report": "5/m,30/h",
    "follow": "30/m,300/h",
}
_PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rates(rates):
    """[(amount, seconds), …] of a rate string such as "6/m,60/h" or "5/10m"."""
    parsed = []
    for rate in filter(None, (part.strip() for part in rates.split(","))):
        amount, period = rate.split("/")
        count = int(period[:-1] or 1)
        parsed.append((int(amount), count * _PERIOD_SECONDS[period[-1]]))
    return parsed


def rates_of(action):
    """The rates that apply to `action`, from the settings or the defaults."""
    configured = getattr(settings, "COMMUNITY_RATE_LIMITS", {})
    return parse_rates(configured.get(action, DEFAULT_RATE_LIMITS.get(action, "")))


def consume(user, action):
    """Count one `action` by `user`; False when it goes over one of the action's rates."""
    who = user.pk if user.is_authenticated else "anonymous"
    now = time.time()
    allowed = True
    for amount, seconds in rates_of(action):
        key = f"community:rate:{action}:{amount}/{seconds}:{who}:{int(now // seconds)}"
        cache.add(key, 0, timeout=seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # The window's key expired between add and incr.
            cache.set(key, 1, timeout=seconds + 1)
            count = 1
        allowed = allowed and count <= amount
    return allowed

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_cache():
    cache.set("healthz", "ok", 5)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


HEALTH_CHECKS = {"database": _check_database, "cache": _check_cache}


@never_cache
@require_safe
def healthz(request):
    """Report whether the database and the cache answer: 200 when both do, 503 otherwise."""
    results = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            check()
        except Exception:  # noqa: BLE001 - any failure of a dependency is a failed check
            results[name] = "error"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(results, status=200 if healthy else 503)

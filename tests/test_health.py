import pytest
from django.contrib.sessions.models import Session

from brandsite.core import views


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_healthz_names_the_failing_check(client, monkeypatch):
    def broken_cache():
        raise ConnectionError("cache unreachable")

    monkeypatch.setitem(views.HEALTH_CHECKS, "cache", broken_cache)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "error"}


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405

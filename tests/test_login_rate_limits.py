"""Password guessing is limited on every sign-in surface: allauth's and the Wagtail admin's."""

import pytest

from tests.factories import DEFAULT_PASSWORD, create_user

FAILED_ATTEMPTS_ALLOWED = 5  # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per 5 minutes per account


@pytest.fixture
def victim(db):
    return create_user("editor", email="victim@example.com")


def allauth_login(client, password):
    return client.post("/accounts/login/", {"login": "victim@example.com", "password": password})


def admin_login(client, password):
    return client.post("/admin/login/", {"username": "victim@example.com", "password": password})


@pytest.mark.parametrize("login", [allauth_login, admin_login], ids=["allauth", "wagtail-admin"])
def test_right_password_signs_in_before_any_failure(client, victim, login):
    response = login(client, DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(victim.pk)


@pytest.mark.parametrize("login", [allauth_login, admin_login], ids=["allauth", "wagtail-admin"])
def test_too_many_failures_lock_out_even_the_right_password(client, victim, login):
    for _attempt in range(FAILED_ATTEMPTS_ALLOWED):
        response = login(client, "wrong guess")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = login(client, DEFAULT_PASSWORD)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_failures_on_one_surface_count_on_the_other(client, victim):
    for _attempt in range(FAILED_ATTEMPTS_ALLOWED):
        allauth_login(client, "wrong guess")
    admin_login(client, DEFAULT_PASSWORD)
    assert "_auth_user_id" not in client.session

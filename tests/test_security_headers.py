"""Public pages carry a Content-Security-Policy without inline scripts, and the usual headers."""

import pytest


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/fr/", "/forum/", "/accounts/login/"])
def test_public_pages_forbid_inline_scripts(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_admin_shows_no_gravatar(client_as, moderator):
    """Staff avatars are not fetched from Gravatar, which would learn a hash of their e-mail."""
    response = client_as(moderator).get("/admin/")
    assert response.status_code == 200
    assert b"gravatar.com" not in response.content

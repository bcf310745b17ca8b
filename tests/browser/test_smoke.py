"""A visitor's first steps in Chromium: home, forum, sign-in form and French, under the CSP."""

import pytest

# live_server needs committed data, hence transaction=True, which empties every table after the
# test. serialized_rollback=True reloads what the migrations created (home page, Site, roles,
# forum permissions) before the test, so it sees the site a real deployment starts with.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def test_visitor_goes_from_home_to_forum_to_sign_in_and_to_french(
    page, live_server, console_errors
):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Join the conversation").is_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forum").click()
    page.wait_for_url(live_server.url + "/forum/")
    assert page.get_by_role("link", name="Forum index").is_visible()

    page.get_by_role("link", name="Sign in").click()
    page.wait_for_url(live_server.url + "/accounts/login/")
    assert page.get_by_label("Email").is_visible()
    assert page.get_by_label("Password").is_visible()
    assert page.get_by_role("button", name="Sign In").is_visible()

    page.get_by_role("link", name="Français").click()
    page.wait_for_url(live_server.url + "/fr/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="S’inscrire").is_visible()
    assert page.get_by_role("link", name="Accueil").is_visible()

    csp_errors = [error for error in console_errors if "Content Security Policy" in error]
    assert csp_errors == []


def test_skip_link_is_the_first_stop_of_the_keyboard(page, live_server):
    page.goto(live_server.url + "/forum/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")

"""Typing a new idea's title shows similar ideas under it, as text, with no CSP error."""

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, create_forum, create_topic, create_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_typing_a_title_suggests_similar_ideas(page, live_server):
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_errors.append(message.text)
        ),
    )
    consumer = create_user()
    forum = create_forum(name="Soaps")
    create_topic(forum=forum, subject="A fig and cedar soap bar")
    create_topic(forum=forum, subject="<img src=x onerror=alert(1)> cedar")
    create_topic(forum=forum, subject="Glass bottles")
    create_url = f"{live_server.url}/forum/forum/{forum.slug}-{forum.pk}/topic/create/"

    page.goto(f"{live_server.url}/accounts/login/?next={create_url}")
    page.get_by_label("Email").fill(consumer.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(create_url)

    suggestions = page.locator("#similar-ideas-live")
    page.locator("#id_subject").press_sequentially("ce")
    page.wait_for_timeout(600)
    expect(suggestions.locator("li")).to_have_count(0)

    page.locator("#id_subject").press_sequentially("dar soap")
    expect(suggestions.get_by_role("link", name="A fig and cedar soap bar")).to_be_visible()
    expect(suggestions.locator("li")).to_have_count(2)
    # A title full of markup stays text: no <img> element was made from it.
    expect(suggestions.get_by_text("<img src=x onerror=alert(1)> cedar")).to_be_visible()
    assert suggestions.locator("img").count() == 0
    assert "Glass bottles" not in suggestions.inner_text()
    assert csp_errors == []

"""Journey 2's upvotes: a consumer signs in from a topic, votes, withdraws, sorts by votes."""

import re
from urllib.parse import urlsplit

import pytest

from tests.factories import DEFAULT_PASSWORD, create_campaign, create_topic, create_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def watched_page(page):
    """The page, plus the Content Security Policy errors its console reports."""
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_errors.append(message.text)
        ),
    )
    return page


def test_consumer_votes_for_an_idea_withdraws_and_sorts_the_forum(watched_page, live_server):
    page = watched_page
    consumer = create_user()
    forum = create_campaign(title="Name our new soap").forum
    create_topic(forum=forum, subject="A cedar soap")
    topic = create_topic(forum=forum, subject="A fig soap")
    forum_url = f"{live_server.url}/forum/forum/{forum.slug}-{forum.pk}/"
    topic_url = f"{forum_url}topic/{topic.slug}-{topic.pk}/"

    page.goto(topic_url)
    votes = page.locator("#idea-votes")
    assert votes.locator("strong").inner_text() == "0"
    votes.get_by_role("link", name="Sign in to vote").click()
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Email").fill(consumer.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{topic_url}#idea-votes")

    votes.get_by_role("button", name="Vote for this idea").click()
    page.wait_for_url(f"{topic_url}#idea-votes")
    assert votes.locator("strong").inner_text() == "1"
    assert page.get_by_text("Your vote for this idea is recorded.").is_visible()

    votes.get_by_role("button", name="Withdraw my vote").click()
    page.wait_for_url(f"{topic_url}#idea-votes")
    assert votes.locator("strong").inner_text() == "0"
    votes.get_by_role("button", name="Vote for this idea").click()
    page.wait_for_url(f"{topic_url}#idea-votes")

    page.goto(forum_url)
    page.get_by_role("link", name="Most voted").click()
    page.wait_for_url(f"{forum_url}?sort=votes")
    assert page.get_by_role("link", name="Most voted").get_attribute("aria-current") == "true"
    subjects = page.locator(".topic-name-link").all_inner_texts()
    assert subjects == ["A fig soap", "A cedar soap"]
    assert page.locator(".topic-votes").all_inner_texts() == ["1", "0"]

    assert page.csp_errors == []
    assert urlsplit(page.url).netloc == urlsplit(live_server.url).netloc

"""Forum pages work under our CSP: no blocked inline style or script, nothing fetched off-site."""

from urllib.parse import urlsplit

import pytest
from machina.apps.forum_conversation.forum_polls.models import (
    TopicPoll,
    TopicPollOption,
    TopicPollVote,
)

from tests.factories import DEFAULT_PASSWORD, create_topic

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def watched_page(page, live_server):
    """The page, plus what the browser blocked and every host it tried to reach."""
    page.csp_errors = []
    page.hosts = set()
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_errors.append(message.text)
        ),
    )
    page.on("request", lambda request: page.hosts.add(urlsplit(request.url).netloc))
    return page


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/")


def test_moderator_sees_topic_with_poll_results_and_reply_editor(
    watched_page, live_server, moderator
):
    page = watched_page
    topic = create_topic(subject="Pick our next scent")
    poll = TopicPoll.objects.create(topic=topic, question="Which scent?")
    fig, vetiver = (
        TopicPollOption.objects.create(poll=poll, text=text) for text in ("Fig", "Vetiver")
    )
    TopicPollVote.objects.create(poll_option=fig, voter=moderator)
    forum = topic.forum
    topic_url = (
        f"{live_server.url}/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
    )

    sign_in(page, live_server, moderator)
    page.goto(topic_url)
    results = page.locator("meter.poll-result")
    assert results.count() == 2
    assert results.first.get_attribute("value").startswith("100")
    page.locator("#id_dropdown_moderation_menu_button").first.click()
    assert page.get_by_role("link", name="Lock topic").first.is_visible()

    page.get_by_role("link", name="Post reply").first.click()
    page.locator(".editor-toolbar").wait_for()
    assert vetiver.votes.count() == 0

    assert page.csp_errors == []
    assert page.hosts == {urlsplit(live_server.url).netloc}


def test_signed_in_home_page_is_the_site_not_a_404(watched_page, live_server, consumer):
    """Every browser test, not only the first, starts from the site the migrations built."""
    sign_in(watched_page, live_server, consumer)
    assert watched_page.get_by_role("link", name="Join the conversation").is_visible()

"""Journey 3, closing the loop: a moderator declines an idea with a reason; a follower reads why."""

import re

import pytest

from tests.browser.signing_in import sign_in
from tests.factories import create_campaign, create_topic, create_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_moderator_declines_an_idea_and_a_follower_reads_why(new_page, live_server):
    forum = create_campaign(title="Name our new soap").forum
    author = create_user(username="author")
    follower = create_user(username="follower")
    moderator = create_user("moderator", username="moderator")
    topic = create_topic(forum=forum, poster=author, subject="A fig soap")
    topic_path = f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
    topic_url = f"{live_server.url}{topic_path}"

    consumer_page = new_page()
    sign_in(consumer_page, live_server, follower, topic_path)
    consumer_page.wait_for_url(topic_url)
    consumer_page.locator("#follow").get_by_role("button", name="Follow this idea").click()
    consumer_page.wait_for_url(f"{topic_url}#follow")
    assert consumer_page.get_by_role("button", name="Unfollow this idea").is_visible()

    moderator_page = new_page()
    sign_in(moderator_page, live_server, moderator, topic_path)
    moderator_page.wait_for_url(topic_url)
    status = moderator_page.locator("#idea-status")
    status.get_by_label("New status").select_option("declined")
    status.get_by_label("Public reason").fill("Fig allergies are too common among our testers.")
    status.get_by_role("button", name="Change status").click()
    moderator_page.wait_for_url(f"{topic_url}#idea-status")
    assert moderator_page.get_by_text("The idea's status is changed.").is_visible()

    consumer_page.goto(live_server.url + "/")
    notifications_link = consumer_page.locator(".site-notifications")
    assert notifications_link.locator(".site-notifications__count").inner_text().startswith("1")
    notifications_link.click()
    consumer_page.wait_for_url(re.compile(r"/community/notifications/$"))
    item = consumer_page.locator(".notification--unread")
    assert item.count() == 1
    assert "Fig allergies are too common" in item.inner_text()
    item.get_by_role("link", name="The idea “A fig soap” is now “Declined”.").click()
    consumer_page.wait_for_url(f"{topic_url}#idea-status")

    history = consumer_page.locator(".idea-status-history")
    assert "Declined" in history.inner_text()
    assert "Fig allergies are too common among our testers." in history.inner_text()

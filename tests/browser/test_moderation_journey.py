"""Journey 2, moderation: a newcomer's idea is held, a moderator approves it, the author is told."""

import re

import pytest
from machina.apps.forum_conversation.models import Topic

from community.models import ModerationCase
from tests.browser.signing_in import sign_in
from tests.factories import create_campaign, create_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_newcomers_idea_waits_is_approved_from_the_queue_and_its_author_is_told(
    new_page, live_server
):
    forum = create_campaign(title="Name our new soap").forum
    newcomer = create_user(username="newcomer")
    moderator = create_user("moderator", username="moderator")
    forum_path = f"/forum/forum/{forum.slug}-{forum.pk}/"

    author_page = new_page()
    sign_in(author_page, live_server, newcomer, f"{forum_path}topic/create/")
    author_page.wait_for_url(re.compile(r"/topic/create/$"))
    author_page.get_by_label("Subject").fill("A soap shaped like a pebble")
    author_page.locator(".CodeMirror").click()  # the markdown editor stands for the textarea
    author_page.keyboard.type("Smooth, flat, and it never slips from the hand.")
    author_page.get_by_role("button", name="Submit").click()
    author_page.wait_for_url(f"{live_server.url}{forum_path}")
    assert author_page.get_by_text("Your message awaits review by a moderator").is_visible()
    assert not Topic.objects.get(subject="A soap shaped like a pebble").approved
    case = ModerationCase.objects.get()

    moderator_page = new_page()
    sign_in(moderator_page, live_server, moderator, "/admin/")
    moderator_page.wait_for_url(f"{live_server.url}/admin/")
    moderator_page.get_by_role("link", name="Open the moderation queue").click()
    moderator_page.wait_for_url(f"{live_server.url}/admin/moderation/")
    row = moderator_page.locator("tr", has_text="A soap shaped like a pebble")
    assert "One of a newcomer" in row.inner_text()
    row.locator(f'input[data-object-id="{case.pk}"]').check()
    moderator_page.get_by_role("link", name="Approve the chosen posts").click()
    moderator_page.wait_for_url(re.compile(r"/admin/bulk/community/moderationcase/approve/"))
    moderator_page.get_by_role("button", name="Yes, approve").click()
    moderator_page.wait_for_url(re.compile(r"/admin/moderation/"))
    assert moderator_page.get_by_text("1 post approved; its author is told.").is_visible()

    author_page.goto(live_server.url + "/")
    notifications_link = author_page.locator(".site-notifications")
    assert notifications_link.locator(".site-notifications__count").inner_text().startswith("1")
    notifications_link.click()
    author_page.wait_for_url(re.compile(r"/community/notifications/$"))
    item = author_page.locator(".notification--unread")
    assert "Your post in “A soap shaped like a pebble” is approved" in item.inner_text()

    visitor_page = new_page()
    visitor_page.goto(f"{live_server.url}{forum_path}")
    visitor_page.get_by_role("link", name="A soap shaped like a pebble").click()
    assert visitor_page.get_by_text("Smooth, flat, and it never slips from the hand.").is_visible()

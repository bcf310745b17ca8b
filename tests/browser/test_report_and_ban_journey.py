"""Members report a post until it is hidden; a moderator bans a member, who is told why."""

import re

import pytest

from community.models import ModerationCase, ModerationSettings
from tests.browser.signing_in import sign_in
from tests.community.notifying import create_reply
from tests.factories import create_campaign, create_topic, create_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def report(page, live_server, reporter, topic_url, post, reason):
    sign_in(page, live_server, reporter, topic_url)
    page.wait_for_url(live_server.url + topic_url)
    page.locator(f"[id='{post.pk}']").get_by_role("link", name="Report").click()
    page.wait_for_url(re.compile(rf"/community/posts/{post.pk}/report/$"))
    page.get_by_label("Why should moderators review this post?").fill(reason)
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_url(live_server.url + topic_url)


def test_two_reports_hide_a_reply_and_its_author_is_told(new_page, live_server):
    moderation = ModerationSettings.load()
    moderation.report_threshold = 2
    moderation.save()
    forum = create_campaign(title="Name our new soap").forum
    topic = create_topic(forum=forum, subject="A fig soap")
    author = create_user(username="spammer")
    reply = create_reply(topic, author, content="Cheap watches at spam.example")
    topic_url = f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"

    first = new_page()
    report(first, live_server, create_user(), topic_url, reply, "Advertising")
    assert first.get_by_text("Thanks, moderators will review this post.").is_visible()
    assert first.locator(f"[id='{reply.pk}']").get_by_text("Reported").is_visible()
    assert first.get_by_text("Cheap watches").is_visible()

    second = new_page()
    report(second, live_server, create_user(), topic_url, reply, "Spam")
    assert second.get_by_text("It is hidden until then.").is_visible()
    assert second.get_by_text("Cheap watches").count() == 0
    assert ModerationCase.objects.filter(post=reply, decided_at__isnull=True).count() == 1

    author_page = new_page()
    sign_in(author_page, live_server, author, "/community/notifications/")
    author_page.wait_for_url(re.compile(r"/community/notifications/$"))
    told = author_page.get_by_role("link", name=re.compile("is hidden after reports from members"))
    assert told.is_visible()


def test_a_moderator_bans_a_member_who_is_then_told_why(new_page, live_server):
    forum = create_campaign(title="Name our new soap").forum
    topic = create_topic(forum=forum, subject="A fig soap")
    member = create_user(username="troll")
    moderator = create_user("moderator", username="moderator")
    topic_url = f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"

    admin = new_page()
    sign_in(admin, live_server, moderator, f"/admin/moderation/bans/new/?user={member.pk}")
    admin.wait_for_url(re.compile(r"/admin/moderation/bans/new/"))
    assert admin.get_by_label("Member").input_value() == "troll"
    admin.get_by_label("Reason").fill("Insults <b>other</b> members.")
    admin.get_by_role("button", name="Ban", exact=True).click()
    admin.wait_for_url(re.compile(r"/admin/moderation/bans/$"))
    assert admin.get_by_text("troll is banned.").is_visible()
    assert admin.get_by_text("Insults <b>other</b> members.").is_visible()

    banned = new_page()
    sign_in(banned, live_server, member, topic_url)
    banned.wait_for_url(live_server.url + topic_url)
    banned.goto(f"{live_server.url}{topic_url}post/create/")
    alert = banned.get_by_role("alert")
    assert "You cannot take part any more, this ban is for good" in alert.inner_text()
    assert "Insults <b>other</b> members." in alert.inner_text()

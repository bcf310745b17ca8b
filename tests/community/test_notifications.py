"""Notifications: who hears of replies, statuses, moderation, promotion and merges; who not."""

import pytest
from machina.apps.forum_conversation.models import Post, Topic

from community import signals
from community.models import Follow, Idea, Notification, NotificationKind
from tests.community.notifying import create_reply, post_reply
from tests.factories import create_campaign, create_topic, create_user, set_idea_status

pytestmark = pytest.mark.django_db


def told(kind=None, **filters):
    """{recipient username: notification} of the notifications of `kind`."""
    notifications = Notification.objects.filter(**filters).select_related("recipient")
    if kind:
        notifications = notifications.filter(kind=kind)
    return {notification.recipient.username: notification for notification in notifications}


@pytest.fixture
def forum():
    return create_campaign().forum


@pytest.fixture
def author():
    return create_user(username="author")


@pytest.fixture
def topic(forum, author):
    return create_topic(forum=forum, poster=author, subject="A fig and cedar soap")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the code under test leaves for after the commit, as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_reply_tells_followers_of_the_topic_and_of_its_forum_but_not_the_replier(
    topic, forum, author, committed
):
    topic_follower = create_user(username="topic_follower")
    forum_follower = create_user(username="forum_follower")
    muted = create_user(username="muted")  # follows the forum, unfollowed this topic
    stranger = create_user(username="stranger")
    other_forum_follower = create_user(username="elsewhere")
    replier = create_user(username="replier")
    Follow.objects.create(user=topic_follower, topic=topic)
    Follow.objects.create(user=forum_follower, forum=forum)
    Follow.objects.create(user=muted, forum=forum)
    Follow.objects.create(user=muted, topic=topic, is_following=False)
    Follow.objects.create(user=other_forum_follower, forum=create_campaign().forum)
    Follow.objects.create(user=replier, forum=forum)

    with committed():
        reply = create_reply(topic, replier)

    notified = told(NotificationKind.REPLY)
    assert sorted(notified) == ["author", "forum_follower", "topic_follower"]
    notification = notified["author"]
    assert (notification.topic, notification.post, notification.actor) == (topic, reply, replier)
    assert notification.subject == "A fig and cedar soap"
    assert stranger.notifications.count() == 0


def test_a_reply_awaiting_approval_tells_nobody_until_a_moderator_approves_it(
    client_as, topic, consumer, moderator, committed
):
    with committed():
        pending = post_reply(client_as(consumer), topic, content="Add some vetiver.")
    assert not pending.approved
    assert not Notification.objects.exists()

    with committed():
        response = client_as(moderator).post(f"/forum/moderation/queue/{pending.pk}/approve/")

    assert response.status_code == 302
    assert sorted(told(NotificationKind.REPLY)) == ["author"]
    approved = told(NotificationKind.POST_APPROVED)
    assert list(approved) == [consumer.username]
    assert (approved[consumer.username].post, approved[consumer.username].actor) == (
        pending,
        moderator,
    )
    assert Follow.objects.get(user=consumer, topic=topic).reason == "replier"


def test_approving_twice_tells_once(client_as, topic, consumer, moderator, committed):
    pending = create_reply(topic, consumer, approved=False)
    client = client_as(moderator)
    with committed():
        client.post(f"/forum/moderation/queue/{pending.pk}/approve/")
        client.post(f"/forum/moderation/queue/{pending.pk}/approve/")

    assert Notification.objects.filter(kind=NotificationKind.POST_APPROVED).count() == 1
    assert Notification.objects.filter(kind=NotificationKind.REPLY).count() == 1


def test_an_approved_new_topic_is_followed_by_its_author(client_as, forum, consumer, moderator):
    pending = create_topic(forum=forum, poster=consumer, approved=False)

    client_as(moderator).post(f"/forum/moderation/queue/{pending.first_post_id}/approve/")

    assert Follow.objects.get(user=consumer, topic=pending).reason == "author"


def test_a_rejected_reply_tells_its_author_with_what_it_said(
    client_as, topic, consumer, moderator, committed
):
    pending = create_reply(
        topic, consumer, content="Buy cheap watches at spam.example", approved=False
    )

    with committed():
        response = client_as(moderator).post(
            f"/forum/moderation/queue/{pending.pk}/disapprove/", {"reason": "Advertising."}
        )

    assert response.status_code == 302
    assert not Post.objects.filter(pk=pending.pk).exists()
    rejected = told(NotificationKind.POST_REJECTED)
    assert list(rejected) == [consumer.username]
    notification = rejected[consumer.username]
    assert (notification.topic, notification.post, notification.actor) == (topic, None, moderator)
    assert "spam.example" in notification.detail
    assert notification.reason == "Advertising."
    assert list(told()) == [consumer.username]  # the topic's followers hear nothing


def test_a_rejected_new_topic_is_gone_but_its_author_is_told_its_title(
    client_as, forum, consumer, moderator, committed
):
    pending = create_topic(forum=forum, poster=consumer, approved=False, subject="Soap <b>now</b>")

    with committed():
        client_as(moderator).post(f"/forum/moderation/queue/{pending.first_post_id}/disapprove/")

    assert not Topic.objects.filter(pk=pending.pk).exists()
    notification = told(NotificationKind.POST_REJECTED)[consumer.username]
    assert (notification.topic, notification.subject) == (None, "Soap <b>now</b>")


def test_only_moderators_approve_or_reject(client_as, topic, consumer, committed):
    pending = create_reply(topic, create_user(), approved=False)
    client = client_as(consumer)

    with committed():
        approve = client.post(f"/forum/moderation/queue/{pending.pk}/approve/")
        reject = client.post(f"/forum/moderation/queue/{pending.pk}/disapprove/")

    assert (approve.status_code, reject.status_code) == (403, 403)
    assert Post.objects.get(pk=pending.pk).approved is False
    assert not Notification.objects.exists()


def test_a_status_change_tells_followers_and_voters_with_its_reason(
    client_as, topic, author, moderator, committed
):
    voter = create_user(username="voter")
    gone = create_user(username="gone")
    Follow.objects.create(user=gone, topic=topic, is_following=False)
    Follow.objects.create(user=moderator, topic=topic)
    with committed():
        client_as(voter).post(f"/community/ideas/{topic.pk}/vote/")
        set_idea_status(topic, "declined", reason="Fig allergies.", acting_user=moderator)

    notified = told(NotificationKind.STATUS)
    assert sorted(notified) == ["author", "voter"]
    notification = notified["voter"]
    assert (notification.detail, notification.reason) == ("Declined", "Fig allergies.")
    assert notification.status_change.status.slug == "declined"


def test_a_promotion_tells_the_author_and_followers(topic, author, moderator, committed):
    follower = create_user(username="follower")
    Follow.objects.create(user=follower, topic=topic)
    create_user(username="stranger")
    story = create_campaign(title="Our fig soap")

    idea, _created = Idea.objects.get_or_create(topic=topic)
    signals.idea_promoted.send(sender=None, idea=idea, story=story, acting_user=moderator)

    notified = told(NotificationKind.PROMOTED)
    assert sorted(notified) == ["author", "follower"]
    assert notified["author"].page.pk == story.pk


def test_a_merge_tells_who_followed_the_merged_idea(forum, moderator):
    source = create_topic(forum=forum, subject="Fig soap")
    target = create_topic(forum=forum, subject="Fig and cedar soap")
    follower = create_user(username="follower")

    signals.idea_merged.send(
        sender=None,
        source=Idea.objects.get_or_create(topic=source)[0],
        target=Idea.objects.get_or_create(topic=target)[0],
        acting_user=moderator,
        source_follower_ids=[follower.pk, moderator.pk],
    )

    notified = told(NotificationKind.MERGED)
    assert list(notified) == ["follower"]
    assert (notified["follower"].topic, notified["follower"].detail) == (target, "Fig soap")

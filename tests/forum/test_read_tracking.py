"""Unread markers and read marks: machina's answers, at a constant number of queries."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from machina.apps.forum.models import Forum
from machina.apps.forum_tracking.handler import TrackingHandler
from machina.apps.forum_tracking.models import ForumReadTrack, TopicReadTrack

from forum.handler import CampaignPermissionHandler
from forum.tracking import FlatTrackingHandler
from tests.factories import create_forum, create_reply, create_topic

pytestmark = pytest.mark.django_db


def forum_url(forum):
    return f"/forum/forum/{forum.slug}-{forum.pk}/"


def topic_url(topic):
    return f"{forum_url(topic.forum)}topic/{topic.slug}-{topic.pk}/"


def mark(forum, user, days_ago):
    track = ForumReadTrack.objects.create(forum=forum, user=user)
    ForumReadTrack.objects.filter(pk=track.pk).update(
        mark_time=timezone.now() - timedelta(days=days_ago)
    )


@pytest.fixture
def tree(consumer):
    """Categories, forums and sub-forums, read, read before their last post, and never read."""
    soaps = Forum.objects.create(name="Soaps", type=Forum.FORUM_CAT)
    candles = Forum.objects.create(name="Candles", type=Forum.FORUM_CAT)
    forums = {
        "read": create_forum(parent=soaps, name="Read"),
        "stale": create_forum(parent=soaps, name="Stale"),
        "untracked": create_forum(parent=candles, name="Untracked"),
        "empty": create_forum(parent=candles, name="Empty"),
    }
    forums["sub-stale"] = create_forum(parent=forums["read"], name="Sub stale")
    for name in ("read", "stale", "untracked", "sub-stale"):
        create_topic(forum=forums[name])
    for forum in Forum.objects.all():
        forum.refresh_from_db()
    ForumReadTrack.objects.create(forum=forums["read"], user=consumer)
    mark(forums["stale"], consumer, days_ago=1)
    mark(forums["sub-stale"], consumer, days_ago=1)
    return forums


def test_unread_forums_are_machinas(rf, consumer, tree, django_assert_num_queries):
    request = rf.get("/forum/")
    request.user = consumer
    request.forum_permission_handler = CampaignPermissionHandler()
    forums = list(Forum.objects.all())
    expected = TrackingHandler(request).get_unread_forums_from_list(consumer, forums)

    with django_assert_num_queries(1):
        unread = FlatTrackingHandler(request).get_unread_forums_from_list(consumer, forums)

    assert {forum.name for forum in unread} == {forum.name for forum in expected}
    # The stale sub-forum makes its parent and category unread, as machina says.
    assert {forum.name for forum in unread} == {
        "Soaps",
        "Read",
        "Sub stale",
        "Stale",
        "Candles",
        "Untracked",
    }


def test_anonymous_visitors_see_nothing_unread(tree):
    request = RequestFactory().get("/forum/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request.forum_permission_handler = CampaignPermissionHandler()
    assert FlatTrackingHandler(request).get_unread_forums_from_list(request.user, []) == []


def marked_unread(html, name):
    """Whether the index row of the forum called `name` carries machina's unread icon."""
    row = html[: html.index(f'class="forum-name-link">{name}<')]
    return row[row.rindex("forum-icon") :].startswith("forum-icon unread")


def test_the_index_marks_unread_forums(client_as, consumer, tree):
    html = client_as(consumer).get("/forum/").content.decode()

    assert marked_unread(html, "Stale") and marked_unread(html, "Untracked")
    assert not marked_unread(html, "Empty")


def test_reading_the_last_unread_topic_marks_the_forum_read(client_as, consumer):
    forum = create_forum()
    first, second = create_topic(forum=forum), create_topic(forum=forum)
    client = client_as(consumer)

    client.get(topic_url(first))
    assert TopicReadTrack.objects.filter(user=consumer, topic=first).exists()
    assert not ForumReadTrack.objects.filter(user=consumer, forum=forum).exists()
    client.get(topic_url(second))

    assert ForumReadTrack.objects.filter(user=consumer, forum=forum).exists()
    assert not TopicReadTrack.objects.filter(user=consumer).exists()


def test_a_new_reply_is_unread_until_the_topic_is_read_again(client_as, consumer):
    forum = create_forum()
    topic = create_topic(forum=forum)
    create_topic(forum=forum)  # never read: the forum keeps per-topic marks
    client = client_as(consumer)
    client.get(topic_url(topic))
    read_at = TopicReadTrack.objects.get(user=consumer, topic=topic).mark_time

    client.get(topic_url(topic))  # nothing new: the mark stays
    assert TopicReadTrack.objects.get(user=consumer, topic=topic).mark_time == read_at
    create_reply(topic)
    listing = client.get(forum_url(forum)).content.decode()
    assert listing.count("topic-icon unread") == 2
    client.get(topic_url(topic))

    assert TopicReadTrack.objects.get(user=consumer, topic=topic).mark_time > read_at
    listing = client.get(forum_url(forum)).content.decode()
    assert listing.count("topic-icon unread") == 1


def test_a_forum_without_sub_forums_needs_no_grants_to_list_none(
    consumer, django_assert_num_queries
):
    forum = create_forum()
    handler = CampaignPermissionHandler()
    with django_assert_num_queries(0):
        assert list(handler.forum_list_filter(forum.get_descendants(), consumer)) == []

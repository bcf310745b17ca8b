"""Following topics and forums: chosen through HTTP, implied by writing, voting and replying."""

import pytest
from django.contrib.sessions.models import Session
from wagtail.models import ModelLogEntry

from community.models import Follow, FollowReason
from tests.community.notifying import (
    EMPTY_FORMSETS,
    create_reply,
    forum_url,
    post_reply,
    topic_url,
)
from tests.factories import create_campaign, create_forum, create_topic, create_user

pytestmark = pytest.mark.django_db


def follow_topic(client, topic, action="follow", **data):
    return client.post(f"/community/ideas/{topic.pk}/{action}/", data)


def follow_forum(client, forum, action="follow"):
    return client.post(f"/community/forums/{forum.pk}/{action}/")


def follow_of(user, **target):
    return Follow.objects.filter(user=user, **target).values_list("is_following", "reason").first()


@pytest.fixture
def topic():
    return create_topic(forum=create_campaign().forum, subject="A fig and cedar soap")


def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, topic):
    response = follow_topic(client, topic)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert "%23follow" in response["Location"]
    assert follow_forum(client, topic.forum)["Location"].startswith("/accounts/login/?next=")
    assert not Follow.objects.exclude(user=topic.poster).exists()


def test_consumer_follows_and_unfollows_a_topic_and_others_follows_stay(client_as, consumer, topic):
    other = create_user()
    Follow.objects.create(user=other, topic=topic)
    client = client_as(consumer)

    response = follow_topic(client, topic, next=topic_url(topic) + "#follow")
    assert response.status_code == 302
    assert response["Location"] == topic_url(topic) + "#follow"
    assert follow_of(consumer, topic=topic) == (True, FollowReason.CHOSEN)
    page = client.get(topic_url(topic)).content.decode()
    assert "Unfollow this idea" in page

    assert follow_topic(client, topic, action="unfollow").status_code == 302
    assert follow_of(consumer, topic=topic) == (False, FollowReason.CHOSEN)
    assert follow_of(other, topic=topic) == (True, FollowReason.CHOSEN)
    assert "Follow this idea" in client.get(topic_url(topic)).content.decode()
    actions = ModelLogEntry.objects.filter(user=consumer).values_list("action", flat=True)
    assert sorted(actions) == ["community.follow.topic", "community.unfollow.topic"]


def test_following_is_the_one_way_to_keep_up_with_a_topic(client_as, consumer, topic):
    # machina's own subscriptions send nothing: offering both would leave people waiting for
    # news that never comes.
    html = client_as(consumer).get(topic_url(topic)).content.decode()
    assert "Follow this idea" in html
    assert f"/forum/member/topic/{topic.pk}/subscribe/" not in html
    assert "/forum/member/subscriptions/" not in html


def test_follow_needs_post_and_an_existing_topic(client_as, consumer, topic):
    client = client_as(consumer)
    assert client.get(f"/community/ideas/{topic.pk}/follow/").status_code == 405
    assert follow_topic(client, type("Gone", (), {"pk": 999999})()).status_code == 404
    assert not Follow.objects.filter(user=consumer).exists()


def test_a_topic_awaiting_approval_cannot_be_followed(client_as, consumer):
    pending = create_topic(approved=False)

    response = follow_topic(client_as(consumer), pending)

    assert response.status_code == 400
    assert "waiting for approval" in response.content.decode()
    assert not Follow.objects.filter(user=consumer).exists()


def test_consumer_follows_and_unfollows_a_whole_forum(client_as, consumer, topic):
    client = client_as(consumer)
    forum = topic.forum

    assert follow_forum(client, forum)["Location"] == forum_url(forum) + "#follow"
    assert follow_of(consumer, forum=forum) == (True, FollowReason.CHOSEN)
    assert "Unfollow this forum" in client.get(forum_url(forum)).content.decode()
    assert "You follow its whole forum" in client.get(topic_url(topic)).content.decode()

    follow_forum(client, forum, action="unfollow")
    assert follow_of(consumer, forum=forum) == (False, FollowReason.CHOSEN)


def test_a_category_cannot_be_followed(client_as, consumer):
    category = create_forum().parent

    response = follow_forum(client_as(consumer), category)

    assert response.status_code == 400
    assert not Follow.objects.filter(user=consumer).exists()


def test_authors_follow_their_new_topics(client_as, moderator):
    forum = create_campaign().forum
    url = f"{forum_url(forum)}topic/create/"
    data = {"subject": "A lavender soap", "content": "Lavender calms.", "topic_type": "0"}
    data.update(EMPTY_FORMSETS)

    assert client_as(moderator).post(url, data).status_code == 302

    topic = forum.topics.get()
    assert follow_of(moderator, topic=topic) == (True, FollowReason.AUTHOR)


def test_a_pending_topic_is_followed_by_its_author_only_once_approved(consumer):
    pending = create_topic(poster=consumer, approved=False)

    assert follow_of(consumer, topic=pending) is None


def test_voters_follow_what_they_vote_for(
    client_as, consumer, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(consumer).post(f"/community/ideas/{topic.pk}/vote/")

    assert follow_of(consumer, topic=topic) == (True, FollowReason.VOTER)


def test_repliers_follow_what_they_reply_to(topic, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create_reply(topic, moderator)

    assert follow_of(moderator, topic=topic) == (True, FollowReason.REPLIER)


def test_an_explicit_unfollow_survives_voting_and_replying(
    client_as, moderator, topic, django_capture_on_commit_callbacks
):
    client = client_as(moderator)
    follow_topic(client, topic, action="unfollow")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/community/ideas/{topic.pk}/vote/")
        post_reply(client, topic)

    assert follow_of(moderator, topic=topic) == (False, FollowReason.CHOSEN)


def test_anonymous_topic_page_offers_sign_in_without_cookie(client, topic):
    response = client.get(topic_url(topic))

    page = response.content.decode()
    assert "Sign in to follow this idea" in page
    assert "csrfmiddlewaretoken" not in page
    assert not response.cookies
    assert not Session.objects.exists()


@pytest.mark.parametrize("size", [1, 15])
def test_topic_page_with_follow_button_queries_do_not_grow(
    client_as, django_assert_max_num_queries, size
):
    forum = create_campaign().forum
    topic = create_topic(forum=forum)
    reader = create_user()
    for _ in range(size):
        user = create_user()
        Follow.objects.create(user=user, topic=topic)
        Follow.objects.create(user=user, forum=forum)
        create_reply(topic, user)
    Follow.objects.create(user=reader, topic=topic)
    client = client_as(reader)
    client.get(topic_url(topic))  # warms the caches a first visit fills

    with django_assert_max_num_queries(TOPIC_PAGE_MAX_QUERIES):
        response = client.get(topic_url(topic))
    assert "Unfollow this idea" in response.content.decode()


# machina's topic page for a signed-in reader (session, user, permissions, the topic with its
# idea joined, posts and their posters' profiles, one read-mark check), whether they voted, the
# idea's merge notice (one query for merged ideas), status history and default status, the follow
# button (one query for the topic and its forum), the posts the reader reported (one query for
# the page's Report buttons), the story made of the idea (one query), the header's unread
# count, the search-engine gate of the robots meta tag (its settings and one query), and the
# JSON-LD's breadcrumb trail of the forum's ancestors (one query).
# Every page's budget: tests/performance/test_query_counts.py.
TOPIC_PAGE_MAX_QUERIES = 28

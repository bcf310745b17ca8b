"""Visitors' pages come from the cache; members' pages, forms and changed content never do."""

import pytest
from django.core.cache.backends.base import CacheKeyWarning
from django.db import transaction
from django.test import override_settings

from community.actions import do_approve_case
from tests.community.moderating import held_post
from tests.factories import (
    create_blog_post,
    create_campaign,
    create_reply,
    create_topic,
    create_user,
    set_idea_status,
)


def topic_url(topic):
    forum = topic.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"


def forum_url(forum):
    return f"/forum/forum/{forum.slug}-{forum.pk}/"


@pytest.fixture
def topic(db):
    return create_topic(forum=create_campaign().forum, subject="Which scent should we launch?")


def test_a_visitors_second_read_is_served_from_the_cache_without_a_query(
    client, topic, django_assert_num_queries
):
    first = client.get(topic_url(topic))
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(topic_url(topic))
    assert second.status_code == 200
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_a_cached_page_holds_no_csrf_token_and_sets_no_cookie(client, topic):
    client.get(topic_url(topic))
    cached = client.get(topic_url(topic))
    assert cached["X-Cache"] == "hit"
    assert b"csrfmiddlewaretoken" not in cached.content
    assert not cached.cookies


def test_members_always_get_a_fresh_page_of_their_own(client, topic):
    client.get(topic_url(topic))  # cached for visitors
    member = create_user(email="member-cache@example.com")
    client.force_login(member)
    response = client.get(topic_url(topic))
    assert "X-Cache" not in response
    assert "member-cache@example.com" in response.content.decode()


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, topic):
    client.get(topic_url(topic))
    client.cookies["messages"] = "pending"
    assert "X-Cache" not in client.get(topic_url(topic))


def test_unknown_query_parameters_bypass_the_cache(client, topic):
    client.get(topic_url(topic))
    assert client.get(topic_url(topic), {"page": "1"})["X-Cache"] == "miss"
    assert "X-Cache" not in client.get(topic_url(topic), {"utm_source": "mail"})


def test_a_new_approved_reply_shows_at_once_and_a_held_one_never(client, topic):
    client.get(topic_url(topic))
    client.get(forum_url(topic.forum))
    create_reply(topic, content="A held reply about cedar", approved=False)
    create_reply(topic, content="Fresh reply about vetiver")
    page = client.get(topic_url(topic)).content.decode()
    assert "Fresh reply about vetiver" in page
    assert "A held reply about cedar" not in page
    assert client.get(forum_url(topic.forum))["X-Cache"] == "miss"


def test_a_page_read_while_a_reply_is_being_committed_is_not_served_after_the_commit(
    client, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        create_reply(topic, content="Committed reply about neroli")
        # A visitor's request in that instant stores a page under the generation the save
        # started; on a server it reads the rows as they were before the commit (here it
        # shares the test's transaction, so what is checked is that the page is not reused).
        client.get(topic_url(topic))
    response = client.get(topic_url(topic))
    assert response["X-Cache"] == "miss"
    assert "Committed reply about neroli" in response.content.decode()


def test_approving_a_held_post_shows_it_at_once(client, db):
    case = held_post(content="Held then approved")
    url = topic_url(case.post.topic)
    assert "Held then approved" not in client.get(url).content.decode()
    do_approve_case(case, acting_user=create_user("moderator"))
    assert "Held then approved" in client.get(url).content.decode()


def test_an_idea_status_change_shows_at_once(client, topic):
    client.get(topic_url(topic))
    set_idea_status(topic, "planned")
    response = client.get(topic_url(topic))
    assert response["X-Cache"] == "miss"
    assert "Planned" in response.content.decode()


def test_publishing_a_page_shows_the_new_version_at_once(client, db):
    post = create_blog_post(title="Our spring scents")
    client.get(post.url)
    assert client.get(post.url)["X-Cache"] == "hit"
    post.title = "Our summer scents"
    post.save_revision().publish()
    response = client.get(post.url)
    assert "Our summer scents" in response.content.decode()


@override_settings(ANONYMOUS_PAGE_CACHE_SECONDS=0)
def test_a_zero_lifetime_turns_the_cache_off(client, topic):
    client.get(topic_url(topic))
    assert "X-Cache" not in client.get(topic_url(topic))


def test_a_long_address_is_cached_under_a_key_every_cache_accepts(client, topic, recwarn):
    """memcached refuses keys over 250 characters; Django warns about them on every backend."""
    address = f"{topic_url(topic)}?sort={'most-voted-' * 25}"
    assert len(address) > 250

    assert client.get(address)["X-Cache"] == "miss"
    assert client.get(address)["X-Cache"] == "hit"
    assert not [w for w in recwarn if issubclass(w.category, CacheKeyWarning)]

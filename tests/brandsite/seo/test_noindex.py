"""Which pages ask search engines not to index them: weak or unapproved threads, private
profiles; and links in what members write are marked as user content nobody vouches for."""

import pytest
from machina.apps.forum_conversation.models import Topic

from community.actions import do_update_contributor_profile
from community.notifications import topic_path
from tests.community.test_profiles import hide_from_anonymous
from tests.factories import create_forum, create_profile, create_reply, create_topic

from .test_sitemap import topic_with

pytestmark = pytest.mark.django_db

NOINDEX = '<meta name="robots" content="noindex">'


def page_of(client, topic):
    response = client.get(topic_path(topic))
    assert response.status_code == 200
    return response.content.decode()


def test_a_thread_above_the_gate_may_be_indexed_and_one_below_may_not(client):
    assert NOINDEX not in page_of(client, topic_with(replies=2))
    assert NOINDEX not in page_of(client, topic_with(votes=3))
    assert NOINDEX in page_of(client, topic_with(replies=1, votes=2))


def test_locked_threads_and_threads_of_private_forums_are_not_indexed(client_as, moderator):
    locked = topic_with(replies=3, status=Topic.TOPIC_LOCKED)
    assert NOINDEX in page_of(client_as(moderator), locked)
    forum = create_forum()
    hide_from_anonymous(forum)
    # A moderator reads the private forum; its page still asks not to be indexed.
    assert NOINDEX in page_of(client_as(moderator), topic_with(replies=3, forum=forum))


def test_a_pending_thread_shown_to_its_author_is_not_indexed(client_as, consumer):
    topic = topic_with(replies=3, votes=5, poster=consumer, approved=False)
    assert NOINDEX in page_of(client_as(consumer), topic)


def test_links_in_posts_are_marked_as_user_content(client):
    topic = create_topic(content="See [our shop](https://example.com/shop) for more.")
    create_reply(topic, content="Also <https://example.org/>")
    html = page_of(client, topic)
    assert '<a href="https://example.com/shop" rel="nofollow ugc noopener">our shop</a>' in html
    assert 'href="https://example.org/" rel="nofollow ugc noopener"' in html


def test_a_profile_is_not_indexed_unless_its_owner_opted_in(client):
    person = create_profile(pseudonym="Fig & Moss").user
    url = f"/community/people/{person.pk}/"
    assert NOINDEX in client.get(url).content.decode()
    # Through the action the settings page uses: the visitors' cached copy is refreshed at once.
    do_update_contributor_profile(person, acting_user=person, listed_by_search_engines=True)
    assert NOINDEX not in client.get(url).content.decode()


def test_the_opt_in_is_off_by_default_and_set_in_account_settings(client_as, consumer):
    create_profile(consumer, pseudonym="Fig & Moss")
    client = client_as(consumer)
    html = client.get("/community/account/").content.decode()
    assert "Let search engines such as Google list my public profile" in html
    assert not consumer.contributor_profile.listed_by_search_engines

    data = {
        "credit_preference": "pseudonym",
        "pseudonym": "Fig & Moss",
        "notification_frequency": "daily",
        "listed_by_search_engines": "on",
    }
    assert client.post("/community/account/", data).status_code == 302
    consumer.contributor_profile.refresh_from_db()
    assert consumer.contributor_profile.listed_by_search_engines

    del data["listed_by_search_engines"]
    client.post("/community/account/", data)
    consumer.contributor_profile.refresh_from_db()
    assert not consumer.contributor_profile.listed_by_search_engines

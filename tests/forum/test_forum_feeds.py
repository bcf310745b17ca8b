"""machina's latest-topics feeds carry only what anonymous visitors may read."""

import pytest

from tests.community.test_profiles import hide_from_anonymous
from tests.factories import create_forum, create_reply, create_topic
from tests.feeds import rss_channel

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return [item.findtext("title") for item in rss_channel(response).findall("item")]


@pytest.fixture
def forums():
    public = create_forum(name="Ideas")
    private = create_forum(name="Staff room")
    hide_from_anonymous(private)
    create_topic(forum=public, subject="Fig <soap>")
    create_topic(forum=public, subject="Waiting", approved=False)
    hidden = create_topic(forum=public, subject="Hidden after reports")
    hidden.first_post.approved = False
    hidden.first_post.save()
    create_topic(forum=private, subject="Secret plans")
    return public, private


def test_the_latest_topics_feed_lists_approved_topics_of_public_forums(client, forums):
    assert titles(client.get("/forum/feeds/topics/")) == ["Ideas • Fig &lt;soap&gt;"]


def test_a_moderator_feed_reader_gets_public_content_only(client_as, moderator, forums):
    public, private = forums
    client = client_as(moderator)
    assert titles(client.get("/forum/feeds/topics/")) == ["Ideas • Fig &lt;soap&gt;"]
    private_feed = f"/forum/feeds/forum/{private.slug}-{private.pk}/topics/"
    assert titles(client.get(private_feed)) == []


def test_a_held_reply_stays_out_of_the_topic_description(client, forums):
    public, _private = forums
    topic = create_topic(forum=public, subject="Cedar")
    create_reply(topic, content="A public reply")
    create_reply(topic, content="A held reply", approved=False)
    response = client.get(f"/forum/feeds/forum/{public.slug}-{public.pk}/topics/")
    descriptions = [item.findtext("description") for item in rss_channel(response).findall("item")]
    assert any("A public reply" in text for text in descriptions)
    assert not any("A held reply" in text for text in descriptions)


def test_forum_pages_announce_the_latest_topics_feed(client, forums):
    link = (
        '<link rel="alternate" type="application/rss+xml" title="Latest forum topics (RSS)" '
        'href="/forum/feeds/topics/">'
    )
    assert link in client.get("/forum/").content.decode()

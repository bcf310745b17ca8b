"""Anonymous reads create no session: one per visitor defeats caching and costs a write."""

import pytest
from django.contrib.sessions.models import Session

from tests import factories
from tests.factories import create_campaign, create_topic, variant_vote_block


@pytest.fixture
def topic(db):
    return create_topic(subject="Which scent should we launch?")


@pytest.fixture
def campaign(db):
    """An open campaign with every kind of block, and an idea in its forum."""
    idea_call = {
        "type": "idea_call",
        "id": "idea-call",
        "value": {"heading": "Your idea?", "text": "", "topics_shown": 5},
    }
    # Imported through its module: pytest would collect a `tester_...` function as a test.
    campaign = create_campaign(
        body=[variant_vote_block(), idea_call, factories.tester_call_block()]
    )
    create_topic(forum=campaign.forum, subject="A winter scent")
    return campaign


def public_urls(topic):
    forum = topic.forum
    return [
        "/",
        "/fr/",
        "/forum/",
        f"/forum/forum/{forum.slug}-{forum.pk}/",
        f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/",
    ]


def campaign_urls(campaign):
    index = campaign.get_parent()
    forum = campaign.forum
    return [
        index.url,
        f"/fr{index.url}",
        campaign.url,
        f"/fr{campaign.url}",
        f"/forum/forum/{forum.slug}-{forum.pk}/",
    ]


def test_anonymous_get_sets_no_cookie_and_writes_no_session(client, topic, campaign):
    for url in public_urls(topic) + campaign_urls(campaign):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}"
    assert Session.objects.count() == 0


def test_topic_page_shows_the_topic_to_anonymous_visitors(client, topic):
    response = client.get(public_urls(topic)[-1])
    assert "Which scent should we launch?" in response.content.decode()


def test_anonymous_post_still_gets_a_forum_key(rf, db):
    """Writes keep machina's behaviour: the anonymous key lives in the session."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    from forum.middleware import SessionlessForumPermissionMiddleware

    request = rf.post("/forum/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    middleware = SessionlessForumPermissionMiddleware(lambda r: None)
    middleware.process_request(request)
    middleware.process_view(request, lambda r: None, (), {})
    assert request.user.forum_key
    assert request.session[SessionlessForumPermissionMiddleware.anonymous_forum_key_session_id] == (
        request.user.forum_key
    )

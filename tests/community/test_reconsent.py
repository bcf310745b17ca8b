"""After the brand bumps a document's version, contributors accept it again before taking part."""

import pytest

from community.models import CommunitySettings, ConsentRecord, IdeaVote
from tests.factories import create_profile, create_topic


def bump_terms(version="2.0"):
    community_settings = CommunitySettings.load()
    community_settings.terms_version = version
    community_settings.save()


@pytest.fixture
def contributor(consumer):
    create_profile(consumer)
    return consumer


@pytest.fixture
def topic(db):
    return create_topic()


def topic_url(topic):
    forum = topic.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"


def test_a_vote_after_a_version_bump_leads_to_the_consent_page_and_changes_nothing(
    client_as, contributor, topic
):
    bump_terms()
    client = client_as(contributor)
    response = client.post(f"/community/ideas/{topic.pk}/vote/")
    assert response.status_code == 302
    assert response["Location"].startswith("/community/account/consent/?next=")
    assert not IdeaVote.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "I accept the terms of use (version 2.0)" in page
    assert "Our terms have changed" in page


def test_accepting_again_records_the_new_version_and_allows_voting(client_as, contributor, topic):
    bump_terms()
    client = client_as(contributor)
    next_url = topic_url(topic)
    refused = client.post("/community/account/consent/", {"next": next_url, "accept_terms": "on"})
    assert refused.status_code == 400
    response = client.post(
        "/community/account/consent/",
        {"next": next_url, "accept_terms": "on", "accept_licence": "on"},
    )
    assert response["Location"] == next_url
    assert ConsentRecord.objects.current(contributor, "terms").version == "2.0"
    assert client.post(f"/community/ideas/{topic.pk}/vote/").status_code == 302
    assert IdeaVote.objects.filter(voter=contributor).exists()


def test_the_consent_page_never_sends_people_off_site(client_as, contributor):
    bump_terms()
    response = client_as(contributor).post(
        "/community/account/consent/",
        {"next": "https://evil.example/", "accept_terms": "on", "accept_licence": "on"},
    )
    assert response["Location"] == "/community/account/"


def test_new_topics_and_replies_wait_for_the_new_consent(client_as, contributor, topic):
    bump_terms()
    client = client_as(contributor)
    forum = topic.forum
    base = f"/forum/forum/{forum.slug}-{forum.pk}/topic/"
    for url in (f"{base}create/", f"{base}{topic.slug}-{topic.pk}/post/create/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/community/account/consent/?next=")
    ConsentRecord.objects.create(user=contributor, document="terms", version="2.0", given=True)
    assert client.get(f"{base}create/").status_code == 200


def test_people_who_accepted_the_current_versions_are_not_asked(client_as, contributor, topic):
    client = client_as(contributor)
    assert client.post(f"/community/ideas/{topic.pk}/vote/").status_code == 302
    assert IdeaVote.objects.filter(voter=contributor).exists()

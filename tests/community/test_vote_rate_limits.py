"""Voting faster than a person can read is refused with a 429 and changes nothing."""

import pytest
from django.test import override_settings

from community.models import Idea, IdeaVote, VariantVote
from community.ratelimits import parse_rates
from tests.factories import create_campaign, create_topic, create_user

pytestmark = pytest.mark.django_db


def vote(client, topic):
    return client.post(f"/community/ideas/{topic.pk}/vote/")


def unvote(client, topic):
    return client.post(f"/community/ideas/{topic.pk}/unvote/")


def test_rates_read_like_allauths():
    assert parse_rates("6/m, 60/h") == [(6, 60), (60, 3600)]
    assert parse_rates("5/10m,100/d") == [(5, 600), (100, 86400)]
    assert parse_rates("") == []


@override_settings(COMMUNITY_RATE_LIMITS={"vote": "4/m"})
def test_toggling_an_idea_vote_too_fast_is_refused_and_the_count_stays_right(client_as, consumer):
    topic = create_topic(forum=create_campaign().forum)
    client = client_as(consumer)
    for _round in range(2):
        assert vote(client, topic).status_code == 302
        assert unvote(client, topic).status_code == 302

    response = vote(client, topic)

    assert response.status_code == 429
    assert "You are voting too fast" in response.content.decode()
    assert not IdeaVote.objects.exists()
    assert Idea.objects.get(topic=topic).votes_count == 0
    # Another consumer's votes are counted on their own.
    assert vote(client_as(create_user()), topic).status_code == 302
    assert Idea.objects.get(topic=topic).votes_count == 1


@override_settings(COMMUNITY_RATE_LIMITS={"vote": "2/m"})
def test_variant_votes_share_the_voting_rate(client_as, consumer):
    campaign = create_campaign()
    question_id, question = next(iter(campaign.variant_questions.items()))
    fig, vetiver, orange = (variant.id for variant in question["variants"].bound_blocks)
    client = client_as(consumer)
    url = f"{campaign.url}vote/{question_id}/"

    assert client.post(url, {"variant": fig}).status_code == 302
    assert client.post(url, {"variant": vetiver}).status_code == 302
    response = client.post(url, {"variant": orange})

    assert response.status_code == 429
    assert "You are voting too fast" in response.content.decode()
    assert VariantVote.objects.get(voter=consumer).variant_id == vetiver


@override_settings(COMMUNITY_RATE_LIMITS={"vote": "1/m"})
def test_moderators_are_not_rate_limited(client_as, moderator):
    topics = [create_topic(forum=create_campaign().forum) for _number in range(3)]
    client = client_as(moderator)
    assert [vote(client, topic).status_code for topic in topics] == [302, 302, 302]

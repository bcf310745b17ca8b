"""Idea votes: one upvote per consumer and topic, withdrawable, refused clearly when frozen."""

from datetime import timedelta

import pytest
from django.utils import timezone
from machina.apps.forum_conversation.models import Topic
from wagtail.models import ModelLogEntry

from community.actions import ActionRefused, do_vote_for_idea, do_withdraw_idea_vote
from community.models import Idea, IdeaVote
from tests.factories import create_campaign, create_topic, create_user

pytestmark = pytest.mark.django_db


def topic_url(topic):
    forum = topic.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"


def vote(client, topic, **data):
    return client.post(f"/community/ideas/{topic.pk}/vote/", data)


def unvote(client, topic, **data):
    return client.post(f"/community/ideas/{topic.pk}/unvote/", data)


def votes_count(topic):
    return Idea.objects.filter(topic=topic).values_list("votes_count", flat=True).first() or 0


@pytest.fixture
def campaign_topic(db):
    return create_topic(forum=create_campaign().forum, subject="A fig and cedar soap")


def test_consumer_votes_once_then_withdraws(client_as, consumer, campaign_topic):
    client = client_as(consumer)
    anchor = f"{topic_url(campaign_topic)}#idea-votes"

    response = vote(client, campaign_topic)
    assert response.status_code == 302
    assert response["Location"] == anchor
    assert votes_count(campaign_topic) == 1
    vote(client, campaign_topic)
    assert votes_count(campaign_topic) == 1
    assert IdeaVote.objects.filter(voter=consumer).count() == 1

    assert unvote(client, campaign_topic)["Location"] == anchor
    assert votes_count(campaign_topic) == 0
    unvote(client, campaign_topic)
    assert votes_count(campaign_topic) == 0
    assert not IdeaVote.objects.exists()

    # Only real changes are audited: one vote, one withdrawal.
    logged = ModelLogEntry.objects.filter(action__startswith="community.idea.")
    assert sorted(logged.values_list("action", flat=True)) == [
        "community.idea.unvote",
        "community.idea.vote",
    ]
    assert logged.get(action="community.idea.vote").user_id == consumer.pk


def test_withdrawing_from_an_idea_never_voted_on_changes_nothing(client_as, consumer):
    topic = create_topic()
    assert unvote(client_as(consumer), topic).status_code == 302
    assert not Idea.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="community.idea.").exists()


def test_votes_of_several_consumers_add_up(client_as, campaign_topic):
    for _ in range(3):
        vote(client_as(create_user()), campaign_topic)
    assert votes_count(campaign_topic) == 3


def test_ideas_of_a_forum_outside_campaigns_take_votes(client_as, consumer):
    topic = create_topic()
    vote(client_as(consumer), topic)
    assert votes_count(topic) == 1


def test_success_goes_back_to_a_safe_next_only(client_as, consumer, campaign_topic):
    client = client_as(consumer)
    assert vote(client, campaign_topic, next="/forum/?sort=votes")["Location"] == (
        "/forum/?sort=votes"
    )
    response = unvote(client, campaign_topic, next="https://evil.example/")
    assert response["Location"] == f"{topic_url(campaign_topic)}#idea-votes"


def test_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_topic(client, campaign_topic):
    response = vote(client, campaign_topic)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert f"{topic_url(campaign_topic)}%23idea-votes" in response["Location"]
    assert unvote(client, campaign_topic)["Location"].startswith("/accounts/login/?next=")
    assert not Idea.objects.exists()


def lock(topic):
    Topic.objects.filter(pk=topic.pk).update(status=Topic.TOPIC_LOCKED)


def close_campaign(topic):
    from community.models import CampaignPage

    campaign = CampaignPage.objects.get(forum=topic.forum)
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save_revision().publish()


def unapprove(topic):
    Topic.objects.filter(pk=topic.pk).update(approved=False)


@pytest.mark.parametrize(
    ("make_frozen", "message"),
    [
        (lock, "This idea is locked"),
        (close_campaign, "This campaign is not open"),
        (unapprove, "This idea is waiting for approval"),
    ],
)
def test_frozen_ideas_refuse_votes_and_withdrawals_with_a_reason(
    client_as, consumer, campaign_topic, make_frozen, message
):
    client = client_as(consumer)
    vote(client, campaign_topic)
    make_frozen(campaign_topic)

    for post in (vote, unvote):
        response = post(client, campaign_topic)
        assert response.status_code == 403
        assert message in response.content.decode()
    assert votes_count(campaign_topic) == 1
    assert IdeaVote.objects.count() == 1


def test_unknown_topic_is_not_found(client_as, consumer):
    response = vote(client_as(consumer), Topic(pk=987654))
    assert response.status_code == 404
    assert "This idea does not exist." in response.content.decode()


def test_get_on_the_vote_urls_is_not_allowed(client_as, consumer, campaign_topic):
    client = client_as(consumer)
    assert client.get(f"/community/ideas/{campaign_topic.pk}/vote/").status_code == 405
    assert client.get(f"/community/ideas/{campaign_topic.pk}/unvote/").status_code == 405


def test_actions_refuse_anonymous_and_inactive_users(anonymous, campaign_topic):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        do_vote_for_idea(campaign_topic, acting_user=anonymous)
    inactive = create_user(is_active=False)
    with pytest.raises(ActionRefused):
        do_withdraw_idea_vote(campaign_topic, acting_user=inactive)
    assert not Idea.objects.exists()


def test_the_vote_action_returns_the_idea_with_its_count(consumer, campaign_topic):
    assert do_vote_for_idea(campaign_topic, acting_user=consumer).votes_count == 1
    assert do_vote_for_idea(campaign_topic, acting_user=consumer).votes_count == 1
    assert do_withdraw_idea_vote(campaign_topic, acting_user=consumer).votes_count == 0


def test_idea_call_block_lists_the_most_voted_ideas_first(client):
    idea_call = {
        "type": "idea_call",
        "id": "idea-call",
        "value": {"heading": "Your idea?", "text": "", "topics_shown": 5},
    }
    campaign = create_campaign(body=[idea_call])
    for subject, votes in (("Oat soap", 2), ("Fig soap", 5), ("Cedar soap", 0)):
        topic = create_topic(forum=campaign.forum, subject=subject)
        for _ in range(votes):
            do_vote_for_idea(topic, acting_user=create_user())

    html = client.get(campaign.url).content.decode()
    most_voted = html.split("Most voted</h3>")[1].split("</ul>")[0]
    assert most_voted.index("Fig soap") < most_voted.index("Oat soap")
    assert "5 votes" in most_voted
    assert "Cedar soap" not in most_voted  # no vote yet: only among the latest
    assert "Most discussed" not in html

"""Variant votes: one per consumer and question, changeable while open, else refused clearly."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from community.models import VariantVote
from tests.factories import create_campaign, variant_vote_block

pytestmark = pytest.mark.django_db


def question_and_variants(campaign):
    question_id, question = next(iter(campaign.variant_questions.items()))
    return question_id, [variant.id for variant in question["variants"].bound_blocks]


def vote(client, campaign, question_id, variant_id):
    return client.post(f"{campaign.url}vote/{question_id}/", {"variant": variant_id})


def test_consumer_votes_then_changes_the_vote_and_sees_results(client_as, consumer):
    campaign = create_campaign()
    question_id, (fig, vetiver, _orange) = question_and_variants(campaign)
    client = client_as(consumer)

    response = vote(client, campaign, question_id, fig)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#question-{question_id}")
    response = vote(client, campaign, question_id, vetiver)

    assert list(VariantVote.objects.values_list("voter", "variant_id")) == [(consumer.pk, vetiver)]
    page = client.get(campaign.url).content.decode()
    assert "Change my vote" in page
    assert "1 vote" in page
    assert "100.0%" in page
    assert ModelLogEntry.objects.filter(action="community.variant_vote.cast").count() == 2


def test_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_question(client):
    campaign = create_campaign()
    question_id, (fig, *_rest) = question_and_variants(campaign)

    page = client.get(campaign.url).content.decode()
    assert f"/accounts/login/?next={campaign.url}%23question-{question_id}" in page
    response = vote(client, campaign, question_id, fig)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert f"%23question-{question_id}" in response["Location"]
    assert not VariantVote.objects.exists()


@pytest.mark.parametrize(
    ("case", "status", "message"),
    [
        ("unknown variant", 400, "Choose one of the variants shown."),
        ("unknown question", 404, "This question does not exist"),
        ("closed campaign", 403, "This campaign is not open"),
        ("upcoming campaign", 403, "This campaign is not open"),
    ],
)
def test_refused_votes_say_why_and_change_nothing(client_as, consumer, case, status, message):
    now = timezone.now()
    dates = {
        "closed campaign": {"closes_at": now - timedelta(hours=1)},
        "upcoming campaign": {"opens_at": now + timedelta(days=1)},
    }.get(case, {})
    campaign = create_campaign(**dates)
    question_id, (fig, *_rest) = question_and_variants(campaign)
    if case == "unknown variant":
        fig = "not-a-variant"
    if case == "unknown question":
        question_id = "not-a-question"

    response = vote(client_as(consumer), campaign, question_id, fig)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not VariantVote.objects.exists()


def test_vote_on_a_draft_campaign_is_not_found(client_as, consumer):
    campaign = create_campaign(live=False)
    question_id, (fig, *_rest) = question_and_variants(campaign)
    assert vote(client_as(consumer), campaign, question_id, fig).status_code == 404
    assert not VariantVote.objects.exists()


def test_get_on_the_vote_url_is_not_allowed(client_as, consumer):
    campaign = create_campaign()
    question_id, _variants = question_and_variants(campaign)
    assert client_as(consumer).get(f"{campaign.url}vote/{question_id}/").status_code == 405


def test_editing_the_page_keeps_votes_with_their_variants(client_as, consumer):
    block = variant_vote_block(labels=("Fig", "Vetiver"))
    campaign = create_campaign(body=[block])
    question_id, (fig, vetiver) = question_and_variants(campaign)
    vote(client_as(consumer), campaign, question_id, vetiver)

    # An editor reorders the variants and adds one: the vote still belongs to Vetiver.
    variants = block["value"]["variants"]
    block["value"]["variants"] = [variants[1], variants[0], {**variants[0], "id": "new"}]
    block["value"]["variants"][2] = {
        "type": "item",
        "id": "new-id",
        "value": {**variants[0]["value"], "label": "Rose"},
    }
    campaign.body = [block]
    campaign.save_revision().publish()

    page = client_as(consumer).get(campaign.url).content.decode()
    assert "Vetiver <em>(your vote)</em>" in page
    assert VariantVote.objects.get().variant_id == vetiver


def test_results_after_close_are_hidden_until_the_campaign_closes(client_as, consumer, client):
    block = variant_vote_block(show_results="after_close")
    campaign = create_campaign(body=[block])
    question_id, (fig, *_rest) = question_and_variants(campaign)
    page = client_as(consumer)
    vote(page, campaign, question_id, fig)
    assert (
        "Results will be shown when the campaign closes." in page.get(campaign.url).content.decode()
    )

    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save_revision().publish()
    client.logout()
    assert "1 vote, 100.0%" in client.get(campaign.url).content.decode()

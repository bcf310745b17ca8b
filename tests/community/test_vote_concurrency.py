"""Votes cast at the same instant still leave one row per voter and question (PostgreSQL only).

Each scenario starts its calls together behind a barrier, from threads with their own database
connections, and is repeated for RACE_ROUNDS rounds, the votes of the last round deleted, so that
the first-vote race (two transactions inserting the same voter's row) happens every round.
"""

from collections import Counter

import pytest

from community import signals
from community.actions import do_cast_variant_vote
from community.models import VariantVote
from tests.concurrency import RACE_ROUNDS, race_test, run_together
from tests.factories import create_campaign, create_user, variant_vote_block

pytestmark = race_test

CALLS_PER_USER = 20
VOTERS = 20
VOTES_PER_VOTER = 2


@pytest.fixture
def campaign():
    labels = ("Fig", "Vetiver", "Orange", "Rose", "Cedar", "Iris", "Amber", "Musk")
    campaign = create_campaign(body=[variant_vote_block(labels=labels)])
    campaign.variant_questions  # noqa: B018 - computed once, before threads share the page
    return campaign


@pytest.fixture
def cast_signals():
    """(voter id, changed) of every variant_vote_cast signal, sent once each vote commits."""
    received = []

    def record(sender, vote, changed, **kwargs):
        received.append((vote.voter_id, changed))

    signals.variant_vote_cast.connect(record, dispatch_uid="test_vote_concurrency")
    yield received
    signals.variant_vote_cast.disconnect(dispatch_uid="test_vote_concurrency")


def question_and_variants(campaign):
    question_id, question = next(iter(campaign.variant_questions.items()))
    return question_id, [variant.id for variant in question["variants"].bound_blocks]


def vote_call(campaign, question_id, variant_id, user):
    return lambda: do_cast_variant_vote(campaign, question_id, variant_id, acting_user=user)


def test_one_user_voting_twenty_times_at_once_keeps_one_vote(campaign, cast_signals):
    question_id, variants = question_and_variants(campaign)
    voter = create_user()
    for round_number in range(RACE_ROUNDS):
        # The same voter each round, without a vote yet: the first-vote race happens again.
        VariantVote.objects.filter(voter=voter).delete()
        cast_signals.clear()
        calls = [
            vote_call(campaign, question_id, variants[i % len(variants)], voter)
            for i in range(CALLS_PER_USER)
        ]

        errors = run_together(calls)

        assert errors == [], f"round {round_number}"
        votes = VariantVote.objects.filter(page=campaign, question_id=question_id, voter=voter)
        assert votes.count() == 1, f"round {round_number}"
        assert votes.get().variant_id in variants
        # Every call committed, and exactly one of them was the first vote.
        assert len(cast_signals) == CALLS_PER_USER, f"round {round_number}"
        assert Counter(changed for _voter, changed in cast_signals) == {
            False: 1,
            True: CALLS_PER_USER - 1,
        }, f"round {round_number}"


def test_twenty_users_voting_at_once_count_once_each(campaign, cast_signals):
    question_id, variants = question_and_variants(campaign)
    voters = [create_user() for _ in range(VOTERS)]
    for round_number in range(RACE_ROUNDS):
        VariantVote.objects.all().delete()
        cast_signals.clear()
        calls = [
            vote_call(campaign, question_id, variants[(n + repeat) % len(variants)], voter)
            for n, voter in enumerate(voters)
            for repeat in range(VOTES_PER_VOTER)
        ]

        errors = run_together(calls)

        assert errors == [], f"round {round_number}"
        votes = VariantVote.objects.filter(page=campaign, question_id=question_id)
        assert votes.count() == VOTERS, f"round {round_number}"
        assert set(votes.values_list("voter", flat=True)) == {voter.pk for voter in voters}
        first_votes = Counter(voter for voter, changed in cast_signals if not changed)
        assert first_votes == dict.fromkeys((voter.pk for voter in voters), 1), (
            f"round {round_number}"
        )

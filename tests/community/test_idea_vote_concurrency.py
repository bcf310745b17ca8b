"""Idea votes cast at the same instant keep one row per voter and a counter that matches the rows.

PostgreSQL only. Each scenario starts its calls together behind a barrier, from threads with their
own database connections, and repeats for RACE_ROUNDS rounds so that the races happen every round.
The voters are made once and vote again in every round, on a new idea or in turn.
"""

import pytest

from community.actions import do_vote_for_idea, do_withdraw_idea_vote
from community.models import Idea, IdeaVote
from tests.concurrency import RACE_ROUNDS, race_test, run_together
from tests.factories import create_campaign, create_topic, create_user

pytestmark = race_test

VOTERS = 20
CALLS_PER_USER = 20
UNDECIDED = 4


@pytest.fixture
def campaign_forum():
    return create_campaign().forum


@pytest.fixture
def voters():
    return [create_user() for _ in range(VOTERS)]


def vote_call(topic, user):
    return lambda: do_vote_for_idea(topic, acting_user=user)


def withdraw_call(topic, user):
    return lambda: do_withdraw_idea_vote(topic, acting_user=user)


def voter_ids(topic):
    return set(IdeaVote.objects.filter(idea_id=topic.pk).values_list("voter", flat=True))


def assert_counter_matches_rows(topic, expected, round_number):
    idea = Idea.objects.get(topic=topic)
    rows = IdeaVote.objects.filter(idea=idea).count()
    assert (idea.votes_count, rows) == (expected, expected), f"round {round_number}"


def test_twenty_users_voting_at_once_on_a_new_idea_count_once_each(campaign_forum, voters):
    poster = create_user()
    for round_number in range(RACE_ROUNDS):
        # A new topic each round: the first votes also race to create its Idea row.
        topic = create_topic(forum=campaign_forum, poster=poster)

        errors = run_together([vote_call(topic, voter) for voter in voters])

        assert errors == [], f"round {round_number}"
        assert_counter_matches_rows(topic, VOTERS, round_number)
        assert voter_ids(topic) == {voter.pk for voter in voters}, f"round {round_number}"


def test_one_user_voting_twenty_times_at_once_keeps_one_vote(campaign_forum):
    poster, voter = create_user(), create_user()
    for round_number in range(RACE_ROUNDS):
        topic = create_topic(forum=campaign_forum, poster=poster)

        errors = run_together([vote_call(topic, voter) for _ in range(CALLS_PER_USER)])

        assert errors == [], f"round {round_number}"
        assert_counter_matches_rows(topic, 1, round_number)


def test_votes_and_withdrawals_at_once_leave_exactly_the_voters_who_voted_last(
    campaign_forum, voters
):
    topic = create_topic(forum=campaign_forum)
    undecided = [create_user() for _ in range(UNDECIDED)]
    voted = set(voters[::2])
    for voter in voted:
        do_vote_for_idea(topic, acting_user=voter)
    for round_number in range(RACE_ROUNDS):
        # Those who voted withdraw (twice at once) and the others vote: the halves swap.
        # The undecided vote and withdraw at once: either may land last, the counter must follow.
        calls = []
        for voter in voters:
            calls += (
                [withdraw_call(topic, voter)] * 2 if voter in voted else [vote_call(topic, voter)]
            )
        for n, voter in enumerate(undecided):
            pair = [vote_call(topic, voter), withdraw_call(topic, voter)]
            calls += pair[:: 1 if (n + round_number) % 2 else -1]

        errors = run_together(calls)

        assert errors == [], f"round {round_number}"
        voted = set(voters) - voted
        landed = voter_ids(topic)
        assert landed - {voter.pk for voter in undecided} == {voter.pk for voter in voted}, (
            f"round {round_number}"
        )
        assert_counter_matches_rows(topic, len(landed), round_number)

"""Idea votes cast at the same instant keep one row per voter and a counter that matches the rows.

PostgreSQL only. Each scenario starts its calls together behind a barrier, from threads with their
own database connections, and repeats for several rounds so that the races happen every round.
"""

import pytest

from community.actions import do_vote_for_idea, do_withdraw_idea_vote
from community.models import Idea, IdeaVote
from tests.concurrency import postgresql_only, run_together
from tests.factories import create_campaign, create_topic, create_user

pytestmark = [
    # serialized_rollback: the flush after each test would otherwise take the home page with it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    postgresql_only,
]

ROUNDS = 5
VOTERS = 20
CALLS_PER_USER = 20


@pytest.fixture
def campaign_forum():
    return create_campaign().forum


def vote_call(topic, user):
    return lambda: do_vote_for_idea(topic, acting_user=user)


def withdraw_call(topic, user):
    return lambda: do_withdraw_idea_vote(topic, acting_user=user)


def assert_counter_matches_rows(topic, expected, round_number):
    idea = Idea.objects.get(topic=topic)
    rows = IdeaVote.objects.filter(idea=idea).count()
    assert (idea.votes_count, rows) == (expected, expected), f"round {round_number}"


def test_twenty_users_voting_at_once_on_a_new_idea_count_once_each(campaign_forum):
    for round_number in range(ROUNDS):
        # A new topic each round: the first votes also race to create its Idea row.
        topic = create_topic(forum=campaign_forum)
        voters = [create_user() for _ in range(VOTERS)]

        errors = run_together([vote_call(topic, voter) for voter in voters])

        assert errors == [], f"round {round_number}"
        assert_counter_matches_rows(topic, VOTERS, round_number)


def test_one_user_voting_twenty_times_at_once_keeps_one_vote(campaign_forum):
    for round_number in range(ROUNDS):
        topic = create_topic(forum=campaign_forum)
        voter = create_user()

        errors = run_together([vote_call(topic, voter) for _ in range(CALLS_PER_USER)])

        assert errors == [], f"round {round_number}"
        assert_counter_matches_rows(topic, 1, round_number)


def test_votes_and_withdrawals_mixed_at_once_leave_the_counter_consistent(campaign_forum):
    topic = create_topic(forum=campaign_forum)
    voters = [create_user() for _ in range(VOTERS)]
    for voter in voters[::2]:
        do_vote_for_idea(topic, acting_user=voter)
    for round_number in range(ROUNDS):
        # Every voter votes and withdraws at the same time, twice each, in an order per round.
        calls = []
        for n, voter in enumerate(voters):
            pair = [vote_call(topic, voter), withdraw_call(topic, voter)]
            calls += pair[:: 1 if (n + round_number) % 2 else -1] * 2

        errors = run_together(calls)

        assert errors == [], f"round {round_number}"
        idea = Idea.objects.get(topic=topic)
        rows = IdeaVote.objects.filter(idea=idea).count()
        assert idea.votes_count == rows, f"round {round_number}"
        assert 0 <= rows <= VOTERS

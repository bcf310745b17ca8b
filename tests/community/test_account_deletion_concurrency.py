"""An account deleted while its owner and others vote: every count still matches its rows.

PostgreSQL only, as the other race tests (tests/concurrency.py).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from community.actions import ActionRefused, do_delete_account, do_vote_for_idea
from community.models import IdeaVote
from tests.community.privacy import assert_vote_counts_match_rows
from tests.concurrency import RACE_ROUNDS, race_test, run_together
from tests.factories import create_campaign, create_topic, create_user

pytestmark = race_test


def test_votes_cast_while_the_account_goes_leave_counts_right():
    forum = create_campaign().forum
    # A new member to delete each round; the others vote again, on new ideas.
    poster, others = create_user(), [create_user() for _ in range(4)]
    for round_number in range(RACE_ROUNDS):
        member = create_user()
        ideas = [create_topic(forum=forum, poster=poster) for _ in range(4)]
        for topic in ideas[:2]:
            do_vote_for_idea(topic, acting_user=member)
        calls = [
            lambda member=member: do_delete_account(member, acting_user=member, keep_posts=True)
        ]
        calls += [lambda t=topic, m=member: do_vote_for_idea(t, acting_user=m) for topic in ideas]
        calls += [
            lambda t=topic, o=other: do_vote_for_idea(t, acting_user=o)
            for topic in ideas
            for other in others
        ]

        errors = run_together(calls)

        # The member's own late votes may fail on the deleted account (its foreign key, or its
        # audit entry's): nothing else may.
        late = (IntegrityError, ValidationError)
        assert all(isinstance(error, late) for error in errors), [repr(e) for e in errors]
        assert len(errors) <= len(ideas), round_number
        assert not IdeaVote.objects.filter(voter_id=member.pk).exists(), round_number
        others_votes = IdeaVote.objects.filter(voter__in=others, idea__topic__in=ideas)
        assert others_votes.count() == 16, round_number
        assert_vote_counts_match_rows()


def test_a_double_submit_deletes_once():
    for round_number in range(RACE_ROUNDS):
        member = create_user()
        errors = run_together(
            [lambda member=member: do_delete_account(member, acting_user=member, keep_posts=False)]
            * 2
        )
        assert [type(error) for error in errors] == [ActionRefused], round_number
        assert errors[0].status == 404, round_number

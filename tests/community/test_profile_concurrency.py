"""Badges and pseudonyms claimed at the same instant: the database keeps one of each.

PostgreSQL only. The calls start together behind a barrier, each thread on its own connection,
for several rounds so that the race happens every round.
"""

from community.actions import ActionRefused, do_award_badge, do_update_contributor_profile
from community.models import BadgeAward, ContributorProfile
from tests.concurrency import RACE_ROUNDS, race_test, run_together
from tests.factories import create_user

pytestmark = race_test

CALLS = 20


def test_one_outcome_reported_twenty_times_at_once_awards_one_badge():
    for round_number in range(RACE_ROUNDS):
        user = create_user()
        errors = run_together(
            [lambda user=user: do_award_badge(user, "idea_planned") for _call in range(CALLS)]
        )
        assert errors == [], f"round {round_number}"
        assert BadgeAward.objects.filter(user=user).count() == 1, f"round {round_number}"


def take_pseudonym(user, pseudonym, index):
    # Every other call in capitals: the constraint ignores case.
    name = pseudonym.upper() if index % 2 else pseudonym
    return lambda: do_update_contributor_profile(user, acting_user=user, pseudonym=name)


def test_twenty_people_taking_one_pseudonym_at_once_leave_it_to_one():
    users = [create_user() for _user in range(CALLS)]
    for round_number in range(RACE_ROUNDS):
        pseudonym = f"Fig {round_number}"

        errors = run_together(
            [take_pseudonym(user, pseudonym, index) for index, user in enumerate(users)]
        )

        assert len(errors) == CALLS - 1, f"round {round_number}"
        assert all(isinstance(error, ActionRefused) for error in errors), errors
        assert all(error.status == 409 for error in errors)
        holders = ContributorProfile.objects.filter(pseudonym__iexact=pseudonym)
        assert holders.count() == 1, f"round {round_number}"

"""A merge racing with new votes on both ideas leaves one vote per distinct voter on the target.

PostgreSQL only. Each round starts a merge and about ten votes together behind a barrier, from
threads with their own database connections; some voters vote for both ideas or already voted.
"""

from django.db.models import QuerySet

from community.actions import ActionRefused, do_merge_ideas, do_vote_for_idea
from community.models import Follow, FollowReason, Idea, IdeaVote
from tests.concurrency import RACE_ROUNDS, race_test, run_together
from tests.factories import create_campaign, create_topic, create_user

pytestmark = race_test


def vote_call(topic, user, landed):
    """A vote that notes its voter in `landed` once it is recorded."""

    def call():
        do_vote_for_idea(topic, acting_user=user)
        landed.append(user.pk)

    return call


def merge_call(source, target, moderator):
    return lambda: do_merge_ideas(source, target, acting_user=moderator)


def test_a_merge_racing_with_votes_counts_each_distinct_voter_once():
    forum = create_campaign().forum
    moderator, poster = create_user("moderator"), create_user()
    # The same members each round, on two new ideas.
    earlier = [create_user() for _ in range(3)]
    both = [create_user() for _ in range(2)]
    source_only = [create_user() for _ in range(3)]
    target_only = [create_user() for _ in range(2)]
    for round_number in range(RACE_ROUNDS):
        source = create_topic(forum=forum, poster=poster, subject=f"Cedar soap {round_number}")
        target = create_topic(
            forum=forum, poster=poster, subject=f"Fig and cedar soap {round_number}"
        )
        do_vote_for_idea(source, acting_user=earlier[0])
        do_vote_for_idea(source, acting_user=earlier[1])
        do_vote_for_idea(target, acting_user=earlier[1])
        do_vote_for_idea(target, acting_user=earlier[2])
        # Ten votes: two voters vote for both ideas, one earlier target voter votes for the source.
        ballots = [(source, user) for user in both + source_only + [earlier[2]]]
        ballots += [(target, user) for user in both + target_only]
        landed = []
        calls = [vote_call(topic, user, landed) for topic, user in ballots]
        calls.insert(round_number % len(calls), merge_call(source, target, moderator))

        errors = run_together(calls)

        # Only votes on the source that came after the merge may fail, and they say why.
        assert all(isinstance(error, ActionRefused) for error in errors), (round_number, errors)
        assert all("merged into" in error.message for error in errors), round_number
        assert len(errors) <= len(both + source_only) + 1, round_number
        expected = {user.pk for user in earlier} | set(landed)
        target_idea = Idea.objects.get(pk=target.pk)
        source_idea = Idea.objects.get(pk=source.pk)
        target_voters = list(
            IdeaVote.objects.filter(idea=target_idea).values_list("voter", flat=True)
        )
        assert source_idea.merged_into_id == target.pk, round_number
        assert sorted(target_voters) == sorted(expected), round_number
        assert target_idea.votes_count == len(expected) == len(target_voters), round_number
        assert (source_idea.votes_count, IdeaVote.objects.filter(idea=source_idea).count()) == (
            0,
            0,
        )


def test_a_follow_of_the_target_committed_during_the_merge_is_kept_and_not_doubled(monkeypatch):
    forum = create_campaign().forum
    moderator, voter = create_user("moderator"), create_user()
    source, target = create_topic(forum=forum), create_topic(forum=forum)
    Follow.objects.create(user=voter, topic=source, reason=FollowReason.VOTER)
    update = QuerySet.update

    def update_once_a_vote_made_the_voter_follow_the_target(queryset, **values):
        # A vote on the target commits its follow after the merge read the target's followers.
        if queryset.model is Follow and values.get("topic_id") == target.pk:
            follow = lambda: Follow.objects.create(  # noqa: E731
                user=voter, topic=target, reason=FollowReason.VOTER
            )
            assert run_together([follow]) == []
        return update(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", update_once_a_vote_made_the_voter_follow_the_target)

    do_merge_ideas(source, target, acting_user=moderator)

    assert list(Follow.objects.filter(user=voter).values_list("topic", flat=True)) == [target.pk]

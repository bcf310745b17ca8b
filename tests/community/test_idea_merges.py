"""Merging a duplicate idea into another, through HTTP as moderators do, and its refusals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from machina.apps.forum_conversation.models import Topic
from wagtail.models import ModelLogEntry

from community import signals
from community.actions import ActionRefused, do_merge_ideas, do_vote_for_idea
from community.models import Follow, Idea, IdeaStatus, IdeaStatusChange, IdeaVote
from tests.duplicates import make_private, topic_url
from tests.factories import create_forum, create_topic, create_user

pytestmark = pytest.mark.django_db


def merge_url(topic):
    return f"/community/ideas/{topic.pk}/merge/"


def post_merge(client, source, target, *, confirm=True, reason="", field="target"):
    data = {field: target if isinstance(target, str) else target.pk, "reason": reason}
    if confirm:
        data["confirm"] = "1"
    return client.post(merge_url(source), data)


def vote(topic, *voters):
    for voter in voters:
        do_vote_for_idea(topic, acting_user=voter)


def follow(user, topic, is_following=True):
    return Follow.objects.create(user=user, topic=topic, is_following=is_following)


def votes_count(topic):
    return Idea.objects.get(pk=topic.pk).votes_count


@pytest.fixture
def forum():
    return create_forum(name="Soaps")


@pytest.fixture
def ideas(forum):
    """A duplicate and its original, with overlapping voters and followers of every kind."""
    source = create_topic(forum=forum, subject="Cedar soap for men")
    target = create_topic(forum=forum, subject="A fig and cedar soap bar")
    users = {name: create_user() for name in ("a", "b", "c", "f1", "f2", "f3", "f4")}
    vote(source, users["a"], users["b"])
    vote(target, users["b"], users["c"])
    # Authors and voters follow automatically; this fixture sets every follow by hand instead.
    Follow.objects.all().delete()
    follow(users["f1"], source)
    follow(users["f2"], source)
    follow(users["f2"], target, is_following=False)  # explicitly stopped following the target
    follow(users["f3"], source)
    follow(users["f3"], target)
    follow(users["f4"], source, is_following=False)
    return source, target, users


def nothing_merged(source, target):
    return (
        Idea.objects.filter(merged_into__isnull=False).count() == 0
        and votes_count(source) == 2
        and votes_count(target) == 2
        and IdeaVote.objects.filter(idea_id=source.pk).count() == 2
        and not IdeaStatusChange.objects.exists()
        and Topic.objects.get(pk=source.pk).status == Topic.TOPIC_UNLOCKED
        and not ModelLogEntry.objects.filter(action__startswith="community.idea.merge").exists()
    )


@pytest.fixture
def merged_signals():
    received = []

    def record(sender, **kwargs):
        received.append(kwargs)

    signals.idea_merged.connect(record, dispatch_uid="test_idea_merges")
    yield received
    signals.idea_merged.disconnect(dispatch_uid="test_idea_merges")


def test_moderator_confirms_then_merges(
    client_as, moderator, ideas, merged_signals, django_capture_on_commit_callbacks
):
    source, target, users = ideas
    client = client_as(moderator)

    response = post_merge(client, source, target, confirm=False, reason="Same <b>scent</b>.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Merge this idea?" in html
    assert "“Cedar soap for men” will be merged into “A fig and cedar soap bar”." in html
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert '<input type="hidden" name="reason" value="Same &lt;b&gt;scent&lt;/b&gt;.">' in html
    assert nothing_merged(source, target)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_merge(client, source, target, reason="Same <b>scent</b>.")
    assert response.status_code == 302
    assert response["Location"] == topic_url(target)

    # Votes: a and b voted the source, b and c the target: three distinct voters, b once.
    assert votes_count(target) == 3
    assert votes_count(source) == 0
    assert set(IdeaVote.objects.filter(idea_id=target.pk).values_list("voter", flat=True)) == {
        users[name].pk for name in ("a", "b", "c")
    }
    assert not IdeaVote.objects.filter(idea_id=source.pk).exists()

    # Follows: f1 now follows the target, f2 keeps not following it, f3 follows it once, and f4
    # (who had stopped following the source) does not follow it.
    on_target = dict(Follow.objects.filter(topic=target).values_list("user", "is_following"))
    assert on_target == {users["f1"].pk: True, users["f2"].pk: False, users["f3"].pk: True}
    assert not Follow.objects.filter(topic=source, is_following=True).exists()

    # Status, history, merge record, lock.
    idea = Idea.objects.get(pk=source.pk)
    assert idea.status.slug == "duplicate"
    assert idea.merged_into_id == target.pk and idea.merged_at is not None
    change = IdeaStatusChange.objects.get(idea=idea)
    assert change.reason == "Merged into “A fig and cedar soap bar”.\nSame <b>scent</b>."
    assert change.changed_by == moderator
    assert Topic.objects.get(pk=source.pk).is_locked

    # Audit log on both ideas, and the status change as do_set_idea_status writes it.
    merge_entry = ModelLogEntry.objects.get(action="community.idea.merge")
    assert (merge_entry.object_id, merge_entry.user_id) == (str(source.pk), moderator.pk)
    assert merge_entry.data == {
        "source": source.pk,
        "target": target.pk,
        "moved_votes": 1,
        "dropped_votes": 1,
        "moved_follows": 1,
    }
    assert ModelLogEntry.objects.get(action="community.idea.merged_in").object_id == str(target.pk)
    assert ModelLogEntry.objects.get(action="community.idea.status").data == {
        "status": "duplicate",
        "previous": "new",
    }

    # The signal, once, after commit, with who followed the source before the move.
    assert len(merged_signals) == 1
    sent = merged_signals[0]
    assert (sent["source"].pk, sent["target"].pk, sent["acting_user"]) == (
        source.pk,
        target.pk,
        moderator,
    )
    assert sent["source_follower_ids"] == sorted(users[name].pk for name in ("f1", "f2", "f3"))


def test_merged_and_target_pages_link_each_other(client_as, moderator, consumer, ideas):
    from django.test import Client

    source, target, users = ideas
    post_merge(client_as(moderator), source, target)

    visitor = Client()
    response = visitor.get(topic_url(source))
    html = response.content.decode()
    assert "<strong>Merged into</strong>" in html
    assert f'href="{topic_url(target)}">A fig and cedar soap bar</a>' in html
    assert "This idea was merged into “A fig and cedar soap bar”" in html
    assert "Merged into “A fig and cedar soap bar”." in html  # the public reason
    assert "idea-merge-form" not in html
    assert not response.cookies

    html = visitor.get(topic_url(target)).content.decode()
    assert "Merged ideas" in html
    assert f'href="{topic_url(source)}">Cedar soap for men</a>' in html

    consumer_client = client_as(consumer)
    response = consumer_client.post(f"/community/ideas/{source.pk}/vote/")
    assert response.status_code == 403
    assert "This idea was merged into “A fig and cedar soap bar”" in response.content.decode()
    assert votes_count(source) == 0


def test_a_vote_on_a_merged_but_unlocked_idea_is_refused(moderator, consumer, ideas):
    source, target, _users = ideas
    do_merge_ideas(source, target, acting_user=moderator)
    Topic.objects.filter(pk=source.pk).update(status=Topic.TOPIC_UNLOCKED)
    source.refresh_from_db()
    with pytest.raises(ActionRefused, match="This idea was merged into"):
        do_vote_for_idea(source, acting_user=consumer)
    assert not IdeaVote.objects.filter(idea_id=source.pk).exists()


def test_target_given_by_its_address_or_number(client_as, editor, forum):
    client = client_as(editor)
    source, target = create_topic(forum=forum), create_topic(forum=forum)
    address = f"https://example.com/fr{topic_url(target)}?post=3#3"
    response = post_merge(client, source, address, field="target_ref", confirm=False)
    assert response.status_code == 200
    assert f'name="target" value="{target.pk}"' in response.content.decode()

    assert post_merge(client, source, f"#{target.pk}", field="target_ref").status_code == 302
    assert Idea.objects.get(pk=source.pk).merged_into_id == target.pk


@pytest.mark.parametrize("user_fixture", ["consumer", None])
def test_consumers_and_visitors_cannot_merge(request, client, client_as, ideas, user_fixture):
    source, target, _users = ideas
    if user_fixture:
        user = request.getfixturevalue(user_fixture)
        client = client_as(user)
        assert "idea-merge-form" not in client.get(topic_url(source)).content.decode()
        response = post_merge(client, source, target)
        assert response.status_code == 403
        assert "Only moderators and editors merge ideas." in response.content.decode()
        with pytest.raises(ActionRefused):
            do_merge_ideas(source, target, acting_user=user)
    else:
        response = post_merge(client, source, target)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert nothing_merged(source, target)


def test_anonymous_action_call_is_denied(anonymous, ideas):
    from django.core.exceptions import PermissionDenied

    source, target, _users = ideas
    with pytest.raises(PermissionDenied):
        do_merge_ideas(source, target, acting_user=anonymous)
    assert nothing_merged(source, target)


def test_refusals_write_nothing(client_as, moderator, forum, ideas):
    source, target, _users = ideas
    client = client_as(moderator)
    cases = [
        (source, source, 400, "cannot be merged into itself"),
        (source, "nonsense", 400, "Choose one of the similar ideas"),
        (source, "999999", 400, "Choose one of the similar ideas"),
        (source, create_topic(forum=forum, approved=False), 400, "waiting for approval"),
    ]
    for from_topic, into, status, message in cases:
        for confirm in (False, True):
            response = post_merge(client, from_topic, into, confirm=confirm)
            assert response.status_code == status, message
            assert message in response.content.decode()
    assert nothing_merged(source, target)
    assert client.post("/community/ideas/999999/merge/", {"target": target.pk}).status_code == 404


def test_merged_ideas_cannot_be_merged_again_or_into(client_as, moderator, forum, ideas):
    source, target, _users = ideas
    client = client_as(moderator)
    other = create_topic(forum=forum, subject="Cedar shaving soap")
    assert post_merge(client, source, target).status_code == 302

    response = post_merge(client, source, other)
    assert response.status_code == 409
    assert "“Cedar soap for men” is already merged into another idea" in response.content.decode()
    response = post_merge(client, other, source, confirm=False)
    assert response.status_code == 409
    assert "was itself merged into another idea" in response.content.decode()
    assert IdeaStatusChange.objects.count() == 1
    assert not Idea.objects.filter(pk=other.pk, merged_into__isnull=False).exists()


def test_forums_the_moderator_cannot_read_are_refused(client_as, editor, forum, ideas):
    source, target, _users = ideas
    hidden = create_topic(forum=make_private(create_forum()), subject="Staff cedar idea")
    response = post_merge(client_as(editor), source, hidden)
    assert response.status_code == 403
    assert "You may not read the forum of “Staff cedar idea”" in response.content.decode()
    response = post_merge(client_as(editor), hidden, target)
    assert response.status_code == 403
    assert nothing_merged(source, target)


def test_without_the_duplicate_status_the_merge_is_refused(client_as, moderator, ideas):
    source, target, _users = ideas
    IdeaStatus.objects.filter(slug="duplicate").delete()
    response = post_merge(client_as(moderator), source, target)
    assert response.status_code == 409
    assert "The “duplicate” status was deleted" in response.content.decode()
    assert nothing_merged(source, target)


def test_an_idea_already_marked_duplicate_can_still_be_merged(moderator, ideas):
    from tests.factories import set_idea_status

    source, target, _users = ideas
    set_idea_status(source, "duplicate", reason="See the fig one.", acting_user=moderator)
    do_merge_ideas(source, target, acting_user=moderator)
    assert Idea.objects.get(pk=source.pk).merged_into_id == target.pk
    assert IdeaStatusChange.objects.filter(idea_id=source.pk).count() == 2


def test_moderator_sees_the_form_with_similar_ideas_of_the_forum(client_as, moderator, forum):
    source = create_topic(forum=forum, subject="Cedar soap for men")
    same_forum = create_topic(forum=forum, subject="Cedar soap bar")
    create_topic(forum=create_forum(), subject="Cedar soap elsewhere")
    create_topic(forum=forum, subject="Glass bottles")
    html = client_as(moderator).get(topic_url(source)).content.decode()
    assert 'id="idea-merge"' in html
    assert f'action="/community/ideas/{source.pk}/merge/"' in html
    assert f'name="target" value="{same_forum.pk}"' in html
    assert "Cedar soap elsewhere" not in html
    assert "Glass bottles" not in html
    assert 'name="target_ref"' in html


def test_only_editors_and_moderators_hold_the_merge_permission():
    from django.contrib.auth.models import Group

    holders = Group.objects.filter(permissions__codename="merge_idea")
    assert sorted(holders.values_list("name", flat=True)) == ["Editors", "Moderators"]


def queries_of_a_warm_get(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_target_page_query_count_does_not_grow_with_merged_ideas(client, moderator, forum):
    target = create_topic(forum=forum, subject="A fig and cedar soap bar")
    counts = {}
    for total in (1, 4):
        while Idea.objects.filter(merged_into=target.pk).count() < total:
            do_merge_ideas(create_topic(forum=forum), target, acting_user=moderator)
        response, counts[total] = queries_of_a_warm_get(client, topic_url(target))
        assert response.content.decode().count('class="idea-merged-ideas"') == 1
    assert counts[1] == counts[4], counts

"""Races in the moderation queue: moderators deciding one post at the same instant.

PostgreSQL only: each round starts its calls together behind a barrier, from threads with their
own database connections, on a new post of the same author.
"""

from django.test import Client
from machina.apps.forum_conversation.models import Post
from wagtail.models import ModelLogEntry

from community.models import (
    Follow,
    ModerationCase,
    ModerationDecision,
    Notification,
    NotificationKind,
)
from tests.community.moderating import decide_url, held_post
from tests.concurrency import RACE_ROUNDS, race_test, run_together
from tests.factories import create_campaign, create_user

pytestmark = race_test


def signed_in_clients(users):
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_moderators_approving_together_leave_one_decision_one_entry_one_notification():
    forum = create_campaign().forum
    author = create_user()
    clients = signed_in_clients([create_user("moderator") for _ in range(4)])
    for round_number in range(RACE_ROUNDS):
        # A held reply, or a held new idea (whose approval also makes its author follow it).
        case = held_post(forum=forum, author=author, topic_head=round_number % 2 == 1)
        url = decide_url("approve", case)

        errors = run_together([lambda c=client, u=url: c.post(u) for client in clients])

        assert errors == [], f"round {round_number}"
        case.refresh_from_db()
        assert case.decision == ModerationDecision.APPROVED, f"round {round_number}"
        entries = ModelLogEntry.objects.filter(
            action="community.moderation.approve", object_id=str(case.pk)
        )
        assert entries.count() == 1, f"round {round_number}"
        approved = Notification.objects.filter(
            kind=NotificationKind.POST_APPROVED, post_id=case.post_id
        )
        assert approved.count() == 1, f"round {round_number}"
        post = Post.objects.select_related("topic").get(pk=case.post_id)
        assert post.approved and post.topic.approved, f"round {round_number}"
        if case.is_topic_head:
            follows = Follow.objects.filter(topic=post.topic, user=author, is_following=True)
            assert follows.count() == 1, f"round {round_number}"


def test_an_approval_and_a_rejection_together_leave_one_consistent_decision():
    forum = create_campaign().forum
    author = create_user()
    approver, rejecter = signed_in_clients([create_user("moderator"), create_user("editor")])
    for round_number in range(RACE_ROUNDS):
        case = held_post(forum=forum, author=author)

        approve, reject = decide_url("approve", case), decide_url("reject", case)

        errors = run_together(
            [
                lambda u=approve: approver.post(u),
                lambda u=reject: rejecter.post(u, {"reason": "Spam."}),
            ]
        )

        assert errors == [], f"round {round_number}"
        case.refresh_from_db()
        post_exists = Post.objects.filter(pk=case.post_id).exists() if case.post_id else False
        if case.decision == ModerationDecision.APPROVED:
            assert post_exists and Post.objects.get(pk=case.post_id).approved
        else:
            assert case.decision == ModerationDecision.REJECTED and not post_exists
        decisions = ModelLogEntry.objects.filter(
            object_id=str(case.pk),
            action__in=["community.moderation.approve", "community.moderation.reject"],
        )
        assert decisions.count() == 1, f"round {round_number}"
        assert ModerationCase.objects.filter(pk=case.pk, decided_at__isnull=False).count() == 1

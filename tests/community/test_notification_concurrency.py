"""Races of notifications: two digests of one user, two moderators approving one post.

PostgreSQL only: each scenario starts its calls together behind a barrier, from threads with
their own database connections, for several rounds.
"""

from django.core import mail
from django.test import Client

from community.models import ContributorProfile, Follow, Notification, NotificationKind
from community.tasks import send_notification_digest
from tests.community.notifying import create_reply
from tests.concurrency import RACE_ROUNDS, race_test, run_together
from tests.factories import create_campaign, create_topic, create_user

pytestmark = race_test


def test_digests_run_together_mail_each_notification_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    topic = create_topic(forum=create_campaign().forum)
    for round_number in range(RACE_ROUNDS):
        user = create_user()
        ContributorProfile.objects.create(user=user, notification_frequency="daily")
        Notification.objects.bulk_create(
            Notification(recipient=user, kind=NotificationKind.REPLY, topic=topic, subject="x")
            for _ in range(3)
        )
        mail.outbox = []

        errors = run_together([lambda pk=user.pk: send_notification_digest.call(pk)] * 4)

        assert errors == [], f"round {round_number}"
        assert [message.to for message in mail.outbox] == [[user.email]], f"round {round_number}"
        assert not Notification.objects.filter(recipient=user, emailed_at__isnull=True).exists()


def test_moderators_approving_together_tell_the_author_once():
    forum = create_campaign().forum
    moderators = [create_user("moderator") for _ in range(4)]
    clients = []
    for moderator in moderators:
        client = Client()
        client.force_login(moderator)
        clients.append(client)
    topic_author, author, follower = create_user(), create_user(), create_user()
    for round_number in range(RACE_ROUNDS):
        topic = create_topic(forum=forum, poster=topic_author)
        Follow.objects.create(user=follower, topic=topic)
        pending = create_reply(topic, author, approved=False)
        url = f"/forum/moderation/queue/{pending.pk}/approve/"

        errors = run_together([lambda c=client, u=url: c.post(u) for client in clients])

        assert errors == [], f"round {round_number}"
        approved = Notification.objects.filter(kind=NotificationKind.POST_APPROVED, post=pending)
        assert approved.count() == 1, f"round {round_number}"
        replies = Notification.objects.filter(kind=NotificationKind.REPLY, post=pending)
        assert replies.count() == 2, f"round {round_number}"  # the topic's author and follower

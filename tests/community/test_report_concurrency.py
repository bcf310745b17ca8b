"""Reports filed at the same instant: the post is hidden once, with one case, and every report kept.

PostgreSQL only. Each scenario starts its calls together behind a barrier, from threads with their
own database connections, and repeats for RACE_ROUNDS rounds: a new post, the same members.
"""

import pytest
from machina.apps.forum_conversation.models import Post
from wagtail.models import ModelLogEntry

from community.actions import ActionRefused, do_report_post
from community.models import (
    ModerationCase,
    ModerationSettings,
    Notification,
    NotificationKind,
    PostReport,
)
from tests.community.notifying import create_reply
from tests.concurrency import RACE_ROUNDS, race_test, run_together
from tests.factories import create_campaign, create_topic, create_user

pytestmark = race_test

THRESHOLD = 3


@pytest.fixture
def topic():
    moderation = ModerationSettings.load()
    moderation.report_threshold = THRESHOLD
    moderation.save()
    return create_topic(forum=create_campaign().forum)


def report_call(post, user, reason="Spam"):
    return lambda: do_report_post(post, user, reason)


def test_more_reports_than_the_threshold_at_once_hide_the_post_once(topic):
    author = create_user()
    reporters = [create_user() for _ in range(THRESHOLD + 2)]
    for round_number in range(RACE_ROUNDS):
        post = create_reply(topic, author)

        errors = run_together([report_call(post, reporter) for reporter in reporters])

        assert errors == [], f"round {round_number}"
        assert PostReport.objects.filter(post=post).count() == THRESHOLD + 2
        assert not Post.objects.get(pk=post.pk).approved
        case = ModerationCase.objects.get(post=post)
        assert case.is_pending
        assert case.detail == f"{THRESHOLD + 2} reports", f"round {round_number}"
        hides = ModelLogEntry.objects.filter(action="community.post.hide", object_id=str(case.pk))
        assert hides.count() == 1, f"round {round_number}"
        told = Notification.objects.filter(
            recipient=author, kind=NotificationKind.POST_HIDDEN, post=post
        )
        assert told.count() == 1, f"round {round_number}"


def test_one_member_reporting_twice_at_once_files_one_report(topic):
    author, reporter = create_user(), create_user()
    for round_number in range(RACE_ROUNDS):
        post = create_reply(topic, author)

        errors = run_together([report_call(post, reporter, f"Spam {n}") for n in range(4)])

        assert PostReport.objects.filter(post=post, reporter=reporter).count() == 1
        assert len(errors) == 3, f"round {round_number}"
        assert all(isinstance(error, ActionRefused) for error in errors)
        assert all("You already reported this post" in error.message for error in errors)

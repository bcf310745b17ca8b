"""Helpers of the moderation tests: held and reported posts with their cases, queue URLs."""

from django.utils import timezone
from machina.apps.forum_conversation.models import Post

from community.actions import do_hold_post
from community.models import ModerationCase, ModerationReason, PostReport
from tests.community.notifying import create_reply
from tests.factories import create_campaign, create_topic, create_user

QUEUE = "/admin/moderation/"


def decide_url(action, *cases, next_url=QUEUE):
    ids = "&".join(f"id={case.pk}" for case in cases)
    return f"/admin/bulk/community/moderationcase/{action}/?{ids}&next={next_url}"


def held_post(
    forum=None,
    author=None,
    content="Refills in glass bottles.",
    reason=ModerationReason.NEW_ACCOUNT,
    detail="",
    topic_head=False,
    opened_at=None,
    **topic_attrs,
):
    """A post saved unapproved with its pending case, as pre-moderation leaves it."""
    forum = forum or create_campaign().forum
    author = author or create_user()
    if topic_head:
        topic = create_topic(
            forum=forum, poster=author, approved=False, content=content, **topic_attrs
        )
        post = topic.first_post
    else:
        topic = create_topic(forum=forum, **topic_attrs)
        post = create_reply(topic, author, content=content, approved=False)
    case = do_hold_post(post, reason, detail)
    if opened_at is not None:
        ModerationCase.objects.filter(pk=case.pk).update(opened_at=opened_at)
        case.refresh_from_db()
    return case


def reported_post(forum=None, author=None, reporters=3):
    """A public reply hidden after `reporters` reports, with its REPORTED case."""
    forum = forum or create_campaign().forum
    topic = create_topic(forum=forum)
    post = create_reply(topic, author or create_user(), content="You are all idiots.")
    for _number in range(reporters):
        PostReport.objects.create(post=post, reporter=create_user(), reason="Rude")
    Post.objects.filter(pk=post.pk).update(approved=False)
    return ModerationCase.objects.create(
        post=post,
        forum=forum,
        author=post.poster,
        subject=post.subject,
        reason=ModerationReason.REPORTED,
        opened_at=timezone.now(),
    )

"""Risk-based pre-moderation: who waits for a moderator, why, and what the author is told."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_permission.models import ForumPermission, GroupForumPermission
from wagtail.models import ModelLogEntry

from community.models import (
    ModerationCase,
    ModerationDecision,
    ModerationReason,
    ModerationSettings,
    WatchedWord,
)
from community.moderation import premoderate
from community.roles import CONSUMERS
from tests.community.notifying import EMPTY_FORMSETS, create_reply
from tests.factories import create_campaign, create_topic, create_user

pytestmark = pytest.mark.django_db

HOLD, BLOCK, PUBLISH = "hold", "block", "publish"


@pytest.fixture
def forum():
    return create_campaign().forum


def verdict(user, forum, content="Refills in glass bottles.", subject="Refills"):
    return premoderate(user, forum, subject, content)


def with_approved_posts(user, count, forum=None):
    for _number in range(count):
        create_topic(forum=forum, poster=user)
    return user


def policy(**values):
    settings = ModerationSettings.load()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()


# The policy, rule by rule.


def test_a_newcomers_first_post_waits(forum, consumer):
    result = verdict(consumer, forum)
    assert (result.outcome, result.reason) == (HOLD, ModerationReason.NEW_ACCOUNT)


def test_after_the_first_posts_a_plain_post_is_published(forum, consumer):
    with_approved_posts(consumer, 1)
    assert verdict(consumer, forum).outcome == PUBLISH
    policy(hold_first_posts=3)
    assert verdict(consumer, forum).reason == ModerationReason.NEW_ACCOUNT


@pytest.mark.parametrize(
    "content",
    [
        "See https://spam.example/offer now",
        "Go to www.spam.example",
        "[cheap soap](https://spam.example)",
    ],
)
def test_a_post_with_a_link_waits_with_the_link_as_detail(forum, consumer, content):
    with_approved_posts(consumer, 1)
    result = verdict(consumer, forum, content)
    assert (result.outcome, result.reason) == (HOLD, ModerationReason.LINKS)
    assert "spam.example" in result.detail


def test_links_pass_when_the_brand_does_not_hold_them(forum, consumer):
    with_approved_posts(consumer, 1)
    policy(hold_posts_with_links=False)
    assert verdict(consumer, forum, "See https://example.com").outcome == PUBLISH


def test_a_watched_word_holds_as_a_whole_word_whatever_the_case(forum, consumer):
    with_approved_posts(consumer, 1)
    WatchedWord.objects.create(word="cheap watches", action="hold")
    result = verdict(consumer, forum, "Buy CHEAP Watches!")
    assert (result.outcome, result.reason, result.detail) == (
        HOLD,
        ModerationReason.WATCHED_WORD,
        "cheap watches",
    )
    assert verdict(consumer, forum, "Cheap watchesmith tools").outcome == PUBLISH
    assert verdict(consumer, forum, "Fine", subject="cheap watches here").outcome == HOLD


def test_a_block_word_refuses_everyone_but_moderators(forum, consumer, moderator, admin_user):
    WatchedWord.objects.create(word="scam", action="block")
    trusted = with_approved_posts(create_user(), 5)
    for user in (consumer, trusted):
        result = verdict(user, forum, "This soap is a Scam.")
        assert result.outcome == BLOCK
        assert result.message == (
            "Your message contains a word this community does not accept: “scam”."
        )
    assert verdict(moderator, forum, "This soap is a scam.").outcome == PUBLISH
    assert verdict(admin_user, forum, "This soap is a scam.").outcome == PUBLISH


def test_a_young_account_waits(forum, consumer):
    with_approved_posts(consumer, 1)
    policy(hold_accounts_younger_than=timedelta(days=1))
    assert verdict(consumer, forum).reason == ModerationReason.YOUNG_ACCOUNT
    consumer.date_joined = timezone.now() - timedelta(days=2)
    consumer.save()
    assert verdict(consumer, forum).outcome == PUBLISH


def test_a_forum_that_requires_approval_holds_consumers(forum, consumer):
    with_approved_posts(consumer, 1)
    GroupForumPermission.objects.create(
        forum=forum,
        group=Group.objects.get(name=CONSUMERS),
        permission=ForumPermission.objects.get(codename="can_post_without_approval"),
        has_perm=False,
    )
    assert verdict(consumer, forum).reason == ModerationReason.APPROVAL_REQUIRED


def test_trusted_members_and_moderators_never_wait(forum, consumer, moderator):
    WatchedWord.objects.create(word="refund", action="hold")
    policy(hold_accounts_younger_than=timedelta(days=1), hold_first_posts=10)
    risky = "I want a refund, see https://example.com"
    with_approved_posts(consumer, 5)
    assert verdict(consumer, forum, risky).outcome == PUBLISH
    assert verdict(moderator, forum, risky).outcome == PUBLISH


def test_an_upheld_report_takes_trust_away(forum, consumer):
    with_approved_posts(consumer, 5)
    ModerationCase.objects.create(
        author=consumer,
        forum=forum,
        subject="Rude",
        reason=ModerationReason.REPORTED,
        decision=ModerationDecision.REJECTED,
        decided_at=timezone.now(),
    )
    assert verdict(consumer, forum, "See https://example.com").reason == ModerationReason.LINKS


def test_the_verdict_costs_the_same_few_queries_whatever_the_history(
    forum, consumer, django_assert_num_queries
):
    WatchedWord.objects.create(word="refund", action="hold")
    verdict(create_user(), forum)  # warms the watched words' cache
    # machina's permissions (users, groups), the policy, the author's standing: nothing more.
    with django_assert_num_queries(4):
        verdict(consumer, forum)
    with_approved_posts(consumer, 12)
    with django_assert_num_queries(4):
        verdict(consumer, forum)


# Posting through machina's forms.


def topic_create_url(forum):
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/create/"


def topic_url(topic):
    return f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"


def new_topic(subject, content="Refills in glass bottles, with a deposit."):
    return {"subject": subject, "content": content, "topic_type": "0"}


def test_a_held_topic_opens_its_case_and_its_author_is_told_it_awaits_review(
    client_as, consumer, forum
):
    response = client_as(consumer).post(
        topic_create_url(forum), new_topic("Zinc-free sunscreen bars"), follow=True
    )

    assert response.redirect_chain[-1][0] == f"/forum/forum/{forum.slug}-{forum.pk}/"
    html = response.content.decode()
    assert "Your message awaits review by a moderator" in html
    assert "posted successfully" not in html
    topic = Topic.objects.get(subject="Zinc-free sunscreen bars")
    post = topic.first_post
    assert (topic.approved, post.approved) == (False, False)
    case = ModerationCase.objects.get(post=post)
    assert (case.reason, case.author, case.forum, case.is_topic_head) == (
        ModerationReason.NEW_ACCOUNT,
        consumer,
        forum,
        True,
    )
    assert case.opened_at == post.created and case.is_pending
    assert ModelLogEntry.objects.filter(action="community.moderation.hold").count() == 1


def test_a_held_reply_lands_on_its_topic_with_the_message(client_as, consumer, forum):
    with_approved_posts(consumer, 1)
    topic = create_topic(forum=forum)
    response = client_as(consumer).post(
        topic_url(topic) + "post/create/",
        {"subject": "Re", "content": "Cheaper at https://elsewhere.example"},
        follow=True,
    )

    assert "Your message awaits review by a moderator" in response.content.decode()
    reply = Post.objects.get(topic=topic, poster=consumer)
    case = ModerationCase.objects.get(post=reply)
    assert (reply.approved, case.reason, case.is_topic_head) == (
        False,
        ModerationReason.LINKS,
        False,
    )
    assert case.detail == "https://elsewhere.example"


def test_a_published_post_opens_no_case(client_as, consumer, forum):
    with_approved_posts(consumer, 1)
    response = client_as(consumer).post(topic_create_url(forum), new_topic("Soap on a rope"))
    topic = Topic.objects.get(subject="Soap on a rope")
    assert response["Location"] == topic_url(topic)
    assert topic.approved and not ModerationCase.objects.exists()


def test_a_block_word_is_a_form_error_and_nothing_is_saved(client_as, consumer, forum):
    WatchedWord.objects.create(word="scam", action="block")
    response = client_as(consumer).post(
        topic_create_url(forum), new_topic("Honest review", "A total SCAM.")
    )
    assert response.status_code == 200
    assert "Your message contains a word this community does not accept: “scam”." in (
        response.content.decode()
    )
    assert not Topic.objects.filter(subject="Honest review").exists()
    assert not ModerationCase.objects.exists()


def test_an_edit_with_a_block_word_is_refused_and_one_with_a_link_is_not_held(
    client_as, consumer, forum
):
    WatchedWord.objects.create(word="scam", action="block")
    topic = create_topic(forum=forum)
    reply = create_reply(topic, consumer, content="Nice.")
    client = client_as(consumer)
    url = topic_url(topic) + f"{reply.pk}/post/update/"

    refused = client.post(url, {"subject": "Re", "content": "A scam.", "update_reason": ""})
    assert refused.status_code == 200
    assert "does not accept" in refused.content.decode()
    kept = client.post(url, {"subject": "Re", "content": "See https://example.com"})
    assert kept.status_code == 302
    reply.refresh_from_db()
    # Edits are not held again: the post stays public (reports answer an abusive edit).
    assert reply.approved and reply.content.raw == "See https://example.com"
    assert not ModerationCase.objects.exists()


def test_a_moderator_edits_with_any_word(client_as, moderator, forum):
    WatchedWord.objects.create(word="scam", action="block")
    topic = create_topic(forum=forum)
    reply = create_reply(topic, create_user(), content="Nice.")
    url = topic_url(topic) + f"{reply.pk}/post/update/"
    data = {"subject": "Re", "content": "Not a scam.", **EMPTY_FORMSETS}
    response = client_as(moderator).post(url, data)
    assert response.status_code == 302


def test_watched_words_are_read_again_once_changed(forum, consumer):
    with_approved_posts(consumer, 1)
    assert verdict(consumer, forum, "A refund please").outcome == PUBLISH
    word = WatchedWord.objects.create(word="refund", action="hold")
    assert verdict(consumer, forum, "A refund please").outcome == HOLD
    word.action = "block"
    word.save()
    assert verdict(consumer, forum, "A refund please").outcome == BLOCK
    word.delete()
    assert verdict(consumer, forum, "A refund please").outcome == PUBLISH

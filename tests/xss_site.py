"""A site full of XSS payloads, put there through the paths users' text takes.

Each payload becomes a member's public name, an idea (subject and text), a reply (subject, text
and edit reason), a report reason, a held post with its hold detail, a tester application, a
status reason and the notifications that carry them; the replies are quoted in a published
story. Texts are cut to what each form accepts (text inputs send no line breaks).
"""

import uuid
from types import SimpleNamespace

from django.db import connection
from django.db.models.signals import pre_save
from django.test import TestCase, override_settings
from django.utils.text import slugify
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.search.backends import get_search_backend

from brandsite.sitesearch.models import SitePost
from community import actions
from community.accounts import PublicNameForm
from community.models import (
    CreditPreference,
    Idea,
    IdeaStatus,
    ModerationReason,
    NotificationKind,
)
from community.models.moderation import REPORT_REASON_MAX_LENGTH
from community.notifications import excerpt
from tests.community.stories import submit
from tests.factories import (
    create_campaign,
    create_forum,
    create_profile,
    create_stories_index,
    create_topic,
    create_user,
    tester_call_block,
    variant_vote_block,
)

#: A word every idea of the corpus starts with, so that one search finds them all.
NEEDLE = "xsscorpus"
SUBJECT_MAX_LENGTH = Post._meta.get_field("subject").max_length
EDIT_REASON_MAX_LENGTH = Post._meta.get_field("update_reason").max_length
AVAILABILITY_MAX_LENGTH = 200
#: Tasks are kept, not run, while the site is built: no e-mail goes out (the surfaces render
#: them) and posts are indexed for the search in bulk.
KEEP_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def single_line(payload, max_length):
    """What a text input sends of `payload`: no line breaks, at most `max_length` characters."""
    return payload.replace("\r", "").replace("\n", "")[:max_length].strip() or "?"


def idea_call_block():
    return {
        "type": "idea_call",
        "id": str(uuid.uuid4()),
        "value": {"heading": "Your idea?", "text": "", "topics_shown": 20},
    }


def public_name_choice(payload, number):
    """Half the members are credited by display name, half by pseudonym, as the form takes it.

    Returns the profile fields and the name shown, or no name where the form refuses the payload.
    """
    field = "display_name" if number % 2 else "pseudonym"
    preference = CreditPreference.DISPLAY_NAME if number % 2 else CreditPreference.PSEUDONYM
    max_length = PublicNameForm.base_fields[field].max_length
    form = PublicNameForm(data={"credit_preference": preference, field: payload[:max_length]})
    if not form.is_valid():
        return {"credit_preference": CreditPreference.ANONYMOUS}, None
    name = form.cleaned_data[field]
    return {"credit_preference": preference, field: name}, name


def _members(payloads):
    members, names = [], []
    for number, payload in enumerate(payloads):
        choice, name = public_name_choice(payload, number)
        members.append(create_profile(create_user(), **choice).user)
        names.append(name)
    return members, names


def save_posts(posts):
    """Save new posts as machina's save does, but in one go, and index them for the search.

    machina recounts a forum after each post's save, which grows with the forum, and each reply
    makes its poster follow the topic and notifies those who do, which grows with the topic:
    the pre_save receivers run (markup rendered, posters' counts), then the counters are updated
    once by the caller.
    """
    for post in posts:
        pre_save.send(sender=Post, instance=post, raw=False, using=connection.alias)
    posts = Post.objects.bulk_create(posts)
    get_search_backend().add_bulk(SitePost, SitePost.objects.filter(pk__in=[p.pk for p in posts]))
    return posts


def _ideas(forum, members, payloads):
    topics = Topic.objects.bulk_create(
        [
            Topic(
                forum=forum,
                poster=member,
                subject=subject,
                slug=slugify(subject, allow_unicode=True) or "topic",  # as Topic.save makes it
                type=Topic.TOPIC_POST,
                status=Topic.TOPIC_UNLOCKED,
                approved=True,
            )
            for member, subject in zip(
                members, (single_line(p, SUBJECT_MAX_LENGTH) for p in payloads), strict=True
            )
        ]
    )
    posts = save_posts(
        [
            Post(
                topic=topic,
                poster=topic.poster,
                subject=topic.subject,
                content=f"{NEEDLE}\n\n{payload}",
                approved=True,
            )
            for topic, payload in zip(topics, payloads, strict=True)
        ]
    )
    # Topic.update_trackers for a topic of one post, without recounting the forum each time.
    for topic, post in zip(topics, posts, strict=True):
        topic.first_post = topic.last_post = post
        topic.posts_count, topic.last_post_on = 1, post.created
    Topic.objects.bulk_update(topics, ["first_post", "last_post", "posts_count", "last_post_on"])
    forum.update_trackers()
    return topics


def _replies(topic, members, payloads, approved):
    posts = save_posts(
        [
            Post(
                topic=topic,
                poster=member,
                subject=single_line(payload, SUBJECT_MAX_LENGTH),
                content=payload,
                approved=approved,
                # As an edit through machina's form leaves it: the reason shows under the post.
                updates_count=1,
                update_reason=single_line(payload, EDIT_REASON_MAX_LENGTH),
                updated_by=member,
            )
            for member, payload in zip(members, payloads, strict=True)
        ]
    )
    topic.update_trackers()
    return posts


def _status_changes(topic, payloads, moderator):
    statuses = list(IdeaStatus.objects.filter(slug__in=["under-review", "planned"]))
    for number, payload in enumerate(payloads):
        actions.do_set_idea_status(
            topic, statuses[number % 2], reason=payload, acting_user=moderator
        )


def _notify(watcher, topics, replies, moderator):
    """What the receivers tell of a reply to a followed idea and of a rejected post."""
    for topic in topics:
        actions.do_notify(
            [watcher.pk],
            NotificationKind.REPLY,
            topic=topic,
            post=topic.first_post,
            actor=topic.poster,
            subject=topic.subject,
        )
    for reply in replies:
        actions.do_notify(
            [watcher.pk],
            NotificationKind.POST_REJECTED,
            actor=moderator,
            subject=reply.topic.subject,
            detail=excerpt(reply.content.raw),
            reason=reply.content.raw,
        )


def _story(showcase, replies, summary, moderator, editor):
    create_stories_index()
    idea = Idea.objects.filter(pk=showcase.pk).first() or Idea(topic=showcase)
    story = actions.do_promote_idea(
        idea, moderator, [reply.pk for reply in replies], summary=summary
    )
    submit(story, moderator)
    story.refresh_from_db()
    story.get_latest_revision().publish(user=editor)
    story.refresh_from_db()
    return story


def build_site_of_payloads(payloads, sample):
    """Every payload through every path; each of `sample` is also the idea of its own forum.

    Runs in the caller's transaction: what the actions leave for after the commit runs at the end.
    """
    with override_settings(TASKS=KEEP_TASKS), TestCase.captureOnCommitCallbacks(execute=True):
        return _build(payloads, sample)


def _reports(replies, members, payloads, sample):
    # Reasons of reports are shown nowhere (the queue counts reports): the sample is enough.
    for payload in sample:
        number = payloads.index(payload)
        reporter = members[(number + 1) % len(members)]
        actions.do_report_post(replies[number], reporter, payload[:REPORT_REASON_MAX_LENGTH])


def _held(forum, members, payloads, moderator):
    topic = create_topic(forum=forum, poster=moderator, subject="Held replies")
    return [
        # A link found in a post is shown with its hold: here, the whole payload.
        actions.do_hold_post(post, ModerationReason.LINKS, detail=post.content.raw)
        for post in _replies(topic, members, payloads, approved=False)
    ]


def _applications(campaign, call_id, members, payloads):
    return [
        actions.do_apply_as_tester(
            campaign,
            call_id,
            acting_user=member,
            motivation=payload,
            availability=single_line(payload, AVAILABILITY_MAX_LENGTH),
            consent_to_contact=True,
        )
        for member, payload in zip(members, payloads, strict=True)
    ]


def _ideas_of_their_own_forum(members, payloads, sample):
    category = create_forum().parent
    return [
        create_topic(
            forum=create_forum(parent=category),
            poster=members[payloads.index(payload)],
            subject=single_line(payload, SUBJECT_MAX_LENGTH),
        )
        for payload in sample
    ]


def _build(payloads, sample):
    call = tester_call_block()
    campaign = create_campaign(body=[variant_vote_block(), call, idea_call_block()])
    forum = campaign.forum
    moderator, editor = create_user("moderator"), create_user("editor")
    members, names = _members(payloads)
    watcher = create_profile(create_user()).user
    ideas = _ideas(forum, members, payloads)
    showcase = create_topic(
        forum=forum, poster=moderator, subject=single_line(sample[0], SUBJECT_MAX_LENGTH)
    )
    actions.do_follow_topic(showcase, acting_user=watcher)
    replies = _replies(showcase, members, payloads, approved=True)
    _reports(replies, members, payloads, sample)
    held = _held(forum, members, payloads, moderator)
    applications = _applications(campaign, call["id"], members, payloads)
    _status_changes(showcase, payloads, moderator)
    _notify(watcher, ideas, replies, moderator)
    return SimpleNamespace(
        campaign=campaign,
        forum=forum,
        moderator=moderator,
        editor=editor,
        members=members,
        names=names,
        watcher=watcher,
        ideas=ideas,
        showcase=showcase,
        replies=replies,
        held=held,
        applications=applications,
        sampled_ideas=_ideas_of_their_own_forum(members, payloads, sample),
        story=_story(showcase, replies, payloads[-1], moderator, editor),
    )

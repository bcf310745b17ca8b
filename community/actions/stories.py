"""Actions on stories: promote an idea to a draft story, publish it, withdraw it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from machina.apps.forum_conversation.models import Post
from wagtail.log_actions import log
from wagtail.models import Page

from .. import permissions, signals
from ..credits import credited_name, prefetch_profiles
from ..models import (
    BadgeAward,
    BadgeKind,
    CommunityStoryPage,
    Idea,
    IdeaStatus,
    IdeaStatusChange,
)
from ..notifications import post_path, topic_path
from ..stories import plain_text, promoted_status, promotion_index
from .base import ActionRefused, on_commit_send
from .ideas import record_idea_status


def _paragraphs(text):
    """Plain text as rich-text paragraphs, every character escaped."""
    blocks = [block for block in text.split("\n\n") if block.strip()]
    return "".join(f"<p>{escape(block).replace(chr(10), '<br/>')}</p>" for block in blocks)


def _promotion_refusal(idea, index):
    if not idea.topic.approved:
        return _("This idea is waiting for approval: approve it before promoting it.")
    if idea.merged_into_id is not None:
        return _("This idea was merged into another one: promote that idea instead.")
    if index is None:
        return _(
            "No stories index is set up: create a community stories index page, or choose one "
            "in the moderation settings, then promote again."
        )
    return None


def _quoted_replies(idea, quoted_post_ids):
    wanted = {int(pk) for pk in quoted_post_ids}
    replies = list(
        Post.objects.filter(pk__in=wanted, topic_id=idea.pk, approved=True)
        .exclude(pk=idea.topic.first_post_id)
        .select_related("poster", "topic__forum")
        .order_by("created", "pk")
    )
    if len(replies) != len(wanted):
        raise ActionRefused(
            _("Only approved replies of this idea can be quoted: nothing was created."), 400
        )
    return replies


def _story_body(idea, replies):
    topic = idea.topic
    first_post = topic.first_post
    prefetch_profiles([topic.poster, *(reply.poster for reply in replies)])
    idea_text = plain_text(first_post.content.rendered) if first_post else ""
    body = [("paragraph", _paragraphs(idea_text))]
    body += [
        (
            "quote",
            {
                "text": plain_text(reply.content.rendered),
                "author_name": credited_name(reply.poster),
                "post_url": post_path(reply.topic, reply.pk),
                "contributor": reply.poster_id,
            },
        )
        for reply in replies
    ]
    credits = [
        {"name": credited_name(topic.poster), "role": "author", "contributor": topic.poster_id}
    ]
    for reply in replies:
        if reply.poster_id and reply.poster_id not in {c["contributor"] for c in credits}:
            credits.append(
                {
                    "name": credited_name(reply.poster),
                    "role": "replier",
                    "contributor": reply.poster_id,
                }
            )
    body.append(("credits", {"heading": _("With ideas from"), "contributors": credits}))
    return body


@transaction.atomic
def do_promote_idea(idea, user, quoted_post_ids=(), summary=None):
    """Make a draft story of `idea` with the chosen replies as quotes; the existing one if any."""
    if not user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_promote_idea(user):
        raise ActionRefused(_("Only moderators and editors promote ideas to stories."), 403)
    Idea.objects.get_or_create(topic_id=idea.pk)
    # Locking the idea makes two promotions of it take turns: the second finds the first's draft.
    idea = Idea.objects.select_for_update().select_related("topic__forum").get(pk=idea.pk)
    existing = CommunityStoryPage.objects.filter(source_idea=idea).first()
    if existing is not None:
        return existing
    index = promotion_index()
    refusal = _promotion_refusal(idea, index)
    if refusal:
        raise ActionRefused(refusal, 400)
    replies = _quoted_replies(idea, quoted_post_ids)
    story = CommunityStoryPage(
        title=idea.topic.subject,
        summary=(summary or "").strip()[:500],
        body=_story_body(idea, replies),
        source_idea=idea,
        source_topic_url=topic_path(idea.topic),
        votes_at_promotion=idea.votes_count,
        promoted_at=timezone.now(),
        promoted_by=user,
        owner=user,
        live=False,
    )
    # Stories of different ideas are added under one parent: its row lock orders the tree writes.
    Page.objects.select_for_update().get(pk=index.pk).specific.add_child(instance=story)
    story.save_revision(user=user)
    log(
        instance=story,
        action="community.idea.promote",
        user=user,
        data={"idea": idea.pk, "quoted_posts": [reply.pk for reply in replies]},
    )
    return story


def record_story_published(story, *, acting_user=None):
    """On publish: the idea becomes "promoted", and its contributors are told and credited.

    Republishing an edited story changes nothing here: the idea is already promoted.
    """
    with transaction.atomic():
        status = promoted_status()
        if story.source_idea_id is None or status is None:
            return None
        idea = Idea.objects.select_for_update().select_related("topic").get(pk=story.source_idea_id)
        if idea.status_id == status.pk:
            return None
        reason = _("Published as the story “%(title)s”.") % {"title": story.title}
        record_idea_status(idea, status, reason=reason, acting_user=acting_user, allow_same=True)
        # One notification says it all: the promotion, not also a status change.
        on_commit_send(signals.idea_promoted, idea=idea, story=story, acting_user=acting_user)
        return idea


def _status_before_promotion(idea, promoted):
    changes = IdeaStatusChange.objects.filter(idea=idea).order_by("-changed_at", "-pk")
    latest_promotion = changes.filter(status=promoted).first()
    earlier = changes.exclude(status=promoted)
    if latest_promotion is not None:
        earlier = earlier.filter(changed_at__lte=latest_promotion.changed_at)
    change = earlier.select_related("status").first()
    return change.status if change else IdeaStatus.objects.default()


def _withdraw_promotion_badge(story, idea, acting_user):
    author_id = idea.topic.poster_id
    award = BadgeAward.objects.filter(user_id=author_id, kind=BadgeKind.IDEA_PROMOTED).first()
    if award is None:
        return
    # The badge is one per person: another live story of theirs keeps it earned.
    other = (
        CommunityStoryPage.objects.live()
        .filter(source_idea__topic__poster_id=author_id)
        .exclude(pk=story.pk)
        .first()
    )
    if other is not None:
        BadgeAward.objects.filter(pk=award.pk).update(idea_id=other.source_idea_id)
        return
    award.delete()
    log(
        instance=idea,
        action="community.badge.withdraw",
        user=acting_user,
        data={"kind": BadgeKind.IDEA_PROMOTED, "user": author_id},
    )


@transaction.atomic
def record_story_unpublished(story, *, acting_user=None):
    """On unpublish: the idea is no longer promoted and its author loses the promotion badge.

    The one exception to badges being kept: this badge says the story is on the site.
    Credits stay recorded; profiles list them only while the story is live.
    """
    if story.source_idea_id is None:
        return None
    idea = Idea.objects.select_for_update().select_related("topic").get(pk=story.source_idea_id)
    promoted = promoted_status()
    if promoted is not None and idea.status_id == promoted.pk:
        previous = _status_before_promotion(idea, promoted)
        if previous is not None:
            record_idea_status(
                idea,
                previous,
                reason=_("The story made of this idea was withdrawn."),
                acting_user=acting_user,
                allow_same=True,
            )
    _withdraw_promotion_badge(story, idea, acting_user)
    log(instance=story, action="community.story.withdraw", user=acting_user, data={"idea": idea.pk})
    return idea


def story_credits(story):
    """(user id, role) of each contributor credited on `story` who did not decline."""
    anonymous = story.anonymous_contributor_ids()
    credits = []
    for block in story.body:
        if block.block_type != "credits":
            continue
        for credit in block.value["contributors"]:
            user_id = credit["contributor"]
            if user_id and user_id not in anonymous and user_id not in dict(credits):
                credits.append((user_id, credit["role"]))
    return credits

"""Merging a duplicate idea into another: votes counted once, followers kept, the source closed."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from machina.apps.forum_conversation.models import Topic
from machina.apps.forum_permission.handler import PermissionHandler
from wagtail.log_actions import log

from .. import permissions, signals
from ..models import Follow, Idea, IdeaStatus, IdeaVote
from .base import ActionRefused, on_commit_send
from .ideas import record_idea_status

DUPLICATE_STATUS_SLUG = "duplicate"


def _require_mergeable(source_topic, target_topic, acting_user):
    if not acting_user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_merge_ideas(acting_user):
        raise ActionRefused(_("Only moderators and editors merge ideas."), status=403)
    if source_topic.pk == target_topic.pk:
        raise ActionRefused(_("An idea cannot be merged into itself: choose another idea."))
    handler = PermissionHandler()
    for topic in (source_topic, target_topic):
        if not handler.can_read_forum(topic.forum, acting_user):
            raise ActionRefused(
                _("You may not read the forum of “%(title)s”: nothing was merged.")
                % {"title": topic.subject},
                status=403,
            )
    if not target_topic.approved:
        raise ActionRefused(
            _("“%(title)s” is waiting for approval: merge into an approved idea.")
            % {"title": target_topic.subject}
        )


def _check_not_merged(source, target):
    if source.merged_into_id is not None:
        raise ActionRefused(
            _("“%(title)s” is already merged into another idea: nothing was changed.")
            % {"title": source.topic.subject},
            status=409,
        )
    if target.merged_into_id is not None:
        raise ActionRefused(
            _("“%(title)s” was itself merged into another idea: merge into that one instead.")
            % {"title": target.topic.subject},
            status=409,
        )


def check_merge(source_topic, target_topic, *, acting_user):
    """Refuse, without writing anything, a merge that do_merge_ideas would refuse now."""
    _require_mergeable(source_topic, target_topic, acting_user)
    ideas = {
        idea.pk: idea for idea in Idea.objects.filter(pk__in=[source_topic.pk, target_topic.pk])
    }
    source = ideas.get(source_topic.pk, Idea(topic=source_topic))
    target = ideas.get(target_topic.pk, Idea(topic=target_topic))
    _check_not_merged(source, target)
    if not IdeaStatus.objects.filter(slug=DUPLICATE_STATUS_SLUG).exists():
        raise _no_duplicate_status()


def _no_duplicate_status():
    return ActionRefused(
        _("The “duplicate” status was deleted: add a status with the slug “duplicate” first."),
        status=409,
    )


def _lock_ideas(source_topic, target_topic):
    # Both rows exist before locking; locking in primary-key order means two merges of the same
    # pair (in either direction) queue up instead of deadlocking, and votes queue behind both.
    for topic in sorted((source_topic, target_topic), key=lambda topic: topic.pk):
        Idea.objects.get_or_create(topic=topic)
    # Only the ideas' rows: locking their topics too would block the topic foreign-key check of
    # a follow committed meanwhile, while the merge waits for that follow (a deadlock).
    locked = {
        idea.pk: idea
        for idea in Idea.objects.select_for_update(of=("self",))
        .select_related("topic")
        .filter(pk__in=[source_topic.pk, target_topic.pk])
        .order_by("pk")
    }
    return locked[source_topic.pk], locked[target_topic.pk]


def _move_votes(source, target):
    """Move the source's votes to the target, once per voter; recount both from their rows."""
    target_voters = IdeaVote.objects.filter(idea=target).values("voter_id")
    dropped, _counts = IdeaVote.objects.filter(
        idea=source, voter_id__in=Subquery(target_voters)
    ).delete()
    moved = IdeaVote.objects.filter(idea=source).update(idea=target)
    target.votes_count = IdeaVote.objects.filter(idea=target).count()
    source.votes_count = 0
    Idea.objects.filter(pk=target.pk).update(votes_count=target.votes_count)
    Idea.objects.filter(pk=source.pk).update(votes_count=0)
    return moved, dropped


#: Tries at moving the source's follows while votes on the target add follows of their own.
FOLLOW_MOVE_ATTEMPTS = 5


def _move_follows(source, target):
    """Followers of the source follow the target, unless they chose not to follow the target."""
    follows = Follow.objects.filter(topic_id=source.pk, is_following=True)
    target_followers = Follow.objects.filter(topic_id=target.pk).values("user_id")
    for attempt in range(FOLLOW_MOVE_ATTEMPTS):
        try:
            with transaction.atomic():
                moved = follows.exclude(user_id__in=Subquery(target_followers)).update(
                    topic_id=target.pk
                )
            break
        except IntegrityError:
            # A vote on the target made its voter follow it after this statement began: that
            # row stays theirs, and the next try leaves their source follow out.
            if attempt == FOLLOW_MOVE_ATTEMPTS - 1:
                raise
    # Those who already follow the target, or explicitly stopped following it, keep that row.
    follows.filter(user_id__in=Subquery(target_followers)).delete()
    return moved


def _merge_reason(target, reason):
    named = _("Merged into “%(title)s”.") % {"title": target.topic.subject}
    return f"{named}\n{reason}" if reason else named


@transaction.atomic
def do_merge_ideas(source_topic, target_topic, *, reason="", acting_user):
    """Merge `source_topic`'s idea into `target_topic`'s: votes, followers, status, lock."""
    _require_mergeable(source_topic, target_topic, acting_user)
    reason = (reason or "").strip()
    duplicate = IdeaStatus.objects.filter(slug=DUPLICATE_STATUS_SLUG).first()
    if duplicate is None:
        raise _no_duplicate_status()
    source, target = _lock_ideas(source_topic, target_topic)
    _check_not_merged(source, target)
    source_follower_ids = sorted(
        Follow.objects.filter(topic_id=source.pk, is_following=True).values_list(
            "user_id", flat=True
        )
    )
    moved_votes, dropped_votes = _move_votes(source, target)
    moved_follows = _move_follows(source, target)
    record_idea_status(
        source,
        duplicate,
        reason=_merge_reason(target, reason),
        acting_user=acting_user,
        allow_same=True,
    )
    source.merged_into = target
    source.merged_at = timezone.now()
    source.save(update_fields=["merged_into", "merged_at"])
    # update(), not save(): machina's Topic.save() recounts its forum, which nothing here changes.
    Topic.objects.filter(pk=source.pk).update(status=Topic.TOPIC_LOCKED)
    source.topic.status = Topic.TOPIC_LOCKED
    data = {
        "source": source.pk,
        "target": target.pk,
        "moved_votes": moved_votes,
        "dropped_votes": dropped_votes,
        "moved_follows": moved_follows,
    }
    log(instance=source, action="community.idea.merge", user=acting_user, data=data)
    log(instance=target, action="community.idea.merged_in", user=acting_user, data=data)
    on_commit_send(
        signals.idea_merged,
        source=source,
        target=target,
        acting_user=acting_user,
        source_follower_ids=source_follower_ids,
    )
    return source, target

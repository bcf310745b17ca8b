"""Actions on follows: a user follows or unfollows a topic or a whole forum."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from .. import permissions
from ..models import Follow, FollowReason
from .base import ActionRefused, require_within_rate_limit

FOLLOWING_TOO_FAST = gettext_lazy(
    "You are following and unfollowing too fast: wait a minute, then try again. "
    "Nothing was changed."
)


def _require_follow_change(user, forum=None):
    if not user.is_authenticated:
        raise PermissionDenied
    refusal = permissions.follow_refusal(user, forum) if forum is not None else None
    if refusal is not None:
        raise ActionRefused(refusal, status=403)
    # Each change is an audit-log entry: a script toggling follows must not flood the log.
    require_within_rate_limit(user, "follow", FOLLOWING_TOO_FAST)


def _set_follow(user, is_following, **target):
    """Create or update the user's one follow row of `target`, taking turns on a race."""
    defaults = {"is_following": is_following, "reason": FollowReason.CHOSEN}
    try:
        with transaction.atomic():
            follow, _created = Follow.objects.update_or_create(
                user=user, defaults=defaults, **target
            )
    except IntegrityError:
        # Two first follows raced: the unique constraint let one in, this one becomes an update.
        follow = Follow.objects.select_for_update().get(user=user, **target)
        follow.is_following, follow.reason = is_following, FollowReason.CHOSEN
        follow.save(update_fields=["is_following", "reason"])
    return follow


@transaction.atomic
def do_follow_topic(topic, *, acting_user):
    """Make `acting_user` follow `topic`: they hear of its replies and its idea's status."""
    _require_follow_change(acting_user, topic.forum)
    if not topic.approved:
        raise ActionRefused(_("This idea is waiting for approval: it cannot be followed yet."))
    follow = _set_follow(acting_user, True, topic=topic)
    log(instance=follow, action="community.follow.topic", user=acting_user)
    return follow


@transaction.atomic
def do_unfollow_topic(topic, *, acting_user):
    """Stop `acting_user` following `topic`, and keep it so: voting or replying won't undo it."""
    _require_follow_change(acting_user)
    follow = _set_follow(acting_user, False, topic=topic)
    log(instance=follow, action="community.unfollow.topic", user=acting_user)
    return follow


@transaction.atomic
def do_follow_forum(forum, *, acting_user):
    """Make `acting_user` follow a whole forum: they hear of every reply in its topics."""
    _require_follow_change(acting_user, forum)
    if not forum.is_forum:
        raise ActionRefused(_("Only forums that hold topics can be followed."))
    follow = _set_follow(acting_user, True, forum=forum)
    log(instance=follow, action="community.follow.forum", user=acting_user)
    return follow


@transaction.atomic
def do_unfollow_forum(forum, *, acting_user):
    """Stop `acting_user` following a whole forum."""
    _require_follow_change(acting_user)
    follow = _set_follow(acting_user, False, forum=forum)
    log(instance=follow, action="community.unfollow.forum", user=acting_user)
    return follow


@transaction.atomic
def do_follow_topic_automatically(topic, user, reason):
    """Make `user` follow `topic` because they wrote, voted or replied, unless they ever chose.

    An existing row, followed or explicitly unfollowed, is left as it is. No audit entry: the
    vote or post that caused it is the logged act.
    """
    if user is None or not user.is_active:
        return None
    try:
        with transaction.atomic():
            follow, _created = Follow.objects.get_or_create(
                user=user, topic=topic, defaults={"reason": reason}
            )
    except IntegrityError:
        follow = Follow.objects.get(user=user, topic=topic)
    return follow

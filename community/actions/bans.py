"""Actions on bans: moderators bar a member for a time or for good, and lift a ban early."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import permissions
from ..models import Ban
from ..models.moderation import BAN_REASON_MAX_LENGTH
from .base import ActionRefused


def _check_reason(reason, missing):
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(missing)
    if len(reason) > BAN_REASON_MAX_LENGTH:
        raise ActionRefused(
            _("Keep the reason to %(max)d characters at most: nothing was changed.")
            % {"max": BAN_REASON_MAX_LENGTH}
        )
    return reason


@transaction.atomic
def do_ban_user(user, by, reason, ends_at=None):
    """Ban `user` until `ends_at` (None: for good); a ban already in force is replaced.

    The member is told the reason and the end whenever they try to post, vote or report. A ban in
    force is closed (lifted "replaced by a new ban") and the new one starts now, so one member
    has one ban in force at a time and its reason and end are the ones just given.
    """
    if not permissions.can_ban(by):
        raise PermissionDenied
    reason = _check_reason(reason, _("Give the reason the member will be shown."))
    now = timezone.now()
    if ends_at is not None and ends_at <= now:
        raise ActionRefused(_("The end of a ban must be in the future."))
    # Two moderators banning the same member take turns on the member's row.
    member = get_user_model().objects.select_for_update().get(pk=user.pk)
    refusal = permissions.ban_target_refusal(by, member)
    if refusal is not None:
        raise ActionRefused(refusal, status=403)
    replaced = list(Ban.objects.in_force(now).filter(user=member).select_for_update())
    ban = Ban.objects.create(
        user=member, reason=reason, starts_at=now, ends_at=ends_at, banned_by=by
    )
    for previous in replaced:
        _close(previous, by, _("Replaced by a new ban."), now)
        log(
            instance=previous,
            action="community.ban.lift",
            user=by,
            data={"replaced_by": ban.pk},
        )
    log(
        instance=ban,
        action="community.ban.add",
        user=by,
        data={
            "user": member.pk,
            "until": ends_at.isoformat() if ends_at else None,
            "replaces": [previous.pk for previous in replaced],
        },
    )
    # The caller's object (perhaps the member's own request.user) must not keep "not banned".
    permissions.forget_active_ban(user)
    return ban


def _close(ban, by, reason, now):
    ban.lifted_at, ban.lifted_by, ban.lift_reason = now, by, reason
    ban.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])


@transaction.atomic
def do_lift_ban(ban, by, reason):
    """End a ban in force now, with the reason moderators keep in its history."""
    if not permissions.can_lift_ban(by):
        raise PermissionDenied
    reason = _check_reason(reason, _("Say why the ban is lifted: nothing was changed."))
    now = timezone.now()
    ban = Ban.objects.select_for_update().get(pk=ban.pk)
    if not Ban.objects.in_force(now).filter(pk=ban.pk).exists():
        raise ActionRefused(_("This ban is no longer in force: nothing was changed."), status=409)
    _close(ban, by, reason, now)
    log(instance=ban, action="community.ban.lift", user=by, data={"user": ban.user_id})
    permissions.forget_active_ban(ban.user)
    return ban

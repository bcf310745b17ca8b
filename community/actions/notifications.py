"""Actions on notifications: tell users, mark what they read, stop e-mailing them."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import permissions
from ..models import (
    SUBJECT_MAX_LENGTH,
    ContributorProfile,
    Notification,
    NotificationFrequency,
)
from .base import ActionRefused


@transaction.atomic
def do_notify(recipient_ids, kind, *, exclude=(), **fields):
    """Create one `kind` notification per recipient, then queue the e-mails of those who want them.

    `exclude` lists who must not be told (whoever acted). Returns the notifications created.
    """
    from .. import tasks

    recipients = sorted(set(recipient_ids) - set(exclude) - {None})
    if not recipients:
        return []
    fields["subject"] = str(fields.get("subject", ""))[:SUBJECT_MAX_LENGTH]
    notifications = Notification.objects.bulk_create(
        [Notification(recipient_id=recipient, kind=kind, **fields) for recipient in recipients]
    )
    ids = [notification.pk for notification in notifications]
    transaction.on_commit(lambda: tasks.send_notification_emails.enqueue(ids))
    return notifications


def _require_recipient(notification, user):
    if not user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_read_notification(user, notification):
        # The same answer as for a missing notification: nobody learns what others are told.
        raise ActionRefused(_("This notification does not exist."), status=404)


@transaction.atomic
def do_mark_notification_read(notification, *, acting_user):
    """Mark one of `acting_user`'s notifications read (no audit entry: a reader's own inbox)."""
    _require_recipient(notification, acting_user)
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def do_mark_all_notifications_read(*, acting_user):
    """Mark every unread notification of `acting_user` read; returns how many were unread."""
    if not acting_user.is_authenticated:
        raise PermissionDenied
    return (
        Notification.objects.filter(recipient=acting_user).unread().update(read_at=timezone.now())
    )


@transaction.atomic
def do_unsubscribe_from_notifications(user):
    """Stop every notification e-mail to `user` (from a signed link: the link is the proof)."""
    profile, _created = ContributorProfile.objects.select_for_update().get_or_create(user=user)
    if profile.notification_frequency == NotificationFrequency.NEVER:
        return profile
    previous = profile.notification_frequency
    profile.notification_frequency = NotificationFrequency.NEVER
    profile.save(update_fields=["notification_frequency"])
    log(
        instance=profile,
        action="community.notifications.unsubscribe",
        user=user,
        data={"previous": previous},
    )
    return profile

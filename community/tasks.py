"""Background work of the community app, run by `manage.py db_worker` (immediately in tests).

Each notification is e-mailed at most once: a task claims it by setting `emailed_at` before
sending, so a task run twice, or an immediate e-mail racing a digest, sends nothing twice.
"""

import logging
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from . import emails
from .models import Notification, NotificationFrequency, TesterApplication

logger = logging.getLogger(__name__)

#: A digest lists what is at most this old: someone back from "never" gets no flood of old news.
DIGEST_MAX_AGE = timedelta(days=7)


def wants(frequency):
    """Users whose notification e-mails go out at `frequency` (no profile means the default)."""
    chosen = Q(contributor_profile__notification_frequency=frequency)
    if frequency == NotificationFrequency.IMMEDIATELY:
        chosen |= Q(contributor_profile__isnull=True)
    return Q(is_active=True) & ~Q(email="") & chosen


def _unclaim(notification_ids):
    Notification.objects.filter(pk__in=notification_ids).update(emailed_at=None)


@task()
def send_notification_emails(notification_ids):
    """E-mail each of these notifications, unread and not yet mailed, to those who want it now."""
    immediate = get_user_model().objects.filter(wants(NotificationFrequency.IMMEDIATELY))
    notifications = (
        Notification.objects.filter(
            pk__in=notification_ids, emailed_at__isnull=True, read_at__isnull=True
        )
        .filter(recipient__in=immediate)
        .select_related("recipient", "actor__contributor_profile", "topic__forum", "page")
    )
    sent = 0
    for notification in notifications:
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            emails.notification_message(notification).send()
        except Exception:
            # One failing address must not stop the others; the next digest or retry may send it.
            logger.exception("Notification %s could not be e-mailed", notification.pk)
            _unclaim([notification.pk])
        else:
            sent += 1
    return sent


def _claim_digest(user):
    since = timezone.now() - DIGEST_MAX_AGE
    with transaction.atomic():
        # The row locks make two digests of one user take turns; the second finds nothing left.
        pending = Notification.objects.select_for_update().filter(
            recipient=user, emailed_at__isnull=True, read_at__isnull=True, created_at__gte=since
        )
        ids = list(pending.values_list("pk", flat=True))
        Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
    return ids


@task()
def send_notification_digest(user_id):
    """E-mail one user, who chose a daily digest, every notification not mailed yet."""
    user = get_user_model().objects.filter(wants(NotificationFrequency.DAILY), pk=user_id).first()
    if user is None:
        return 0
    ids = _claim_digest(user)
    if not ids:
        return 0
    notifications = list(
        Notification.objects.filter(pk__in=ids)
        .select_related("actor__contributor_profile", "topic__forum", "page")
        .order_by("created_at", "pk")
    )
    try:
        emails.digest_message(user, notifications).send()
    except Exception:
        _unclaim(ids)
        raise
    return len(ids)


def users_due_a_digest():
    """Ids of the users who chose a daily digest and have notifications to read in it."""
    since = timezone.now() - DIGEST_MAX_AGE
    return (
        get_user_model()
        .objects.filter(wants(NotificationFrequency.DAILY))
        .filter(
            notifications__emailed_at__isnull=True,
            notifications__read_at__isnull=True,
            notifications__created_at__gte=since,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


@task()
def send_tester_decision_email(application_id):
    """E-mail an applicant whether they were selected as a tester."""
    application = (
        TesterApplication.objects.select_related("applicant", "page")
        .filter(pk=application_id)
        .first()
    )
    if application is None or not application.applicant.email:
        return 0
    emails.tester_decision_message(application).send()
    return 1

"""What a user is told on the site and by e-mail: replies, status changes, moderation, promotion."""

import swapper
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SUBJECT_MAX_LENGTH = 255
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")


class NotificationKind(models.TextChoices):
    """What happened, which decides the wording and the link of a notification."""

    REPLY = "reply", _("reply")
    STATUS = "status", _("status change")
    POST_APPROVED = "approved", _("post approved")
    POST_REJECTED = "rejected", _("post rejected")
    POST_HIDDEN = "hidden", _("post hidden after reports")
    PROMOTED = "promoted", _("idea promoted")
    MERGED = "merged", _("idea merged")
    CONSENT_REQUEST = "consent", _("story consent request")


class NotificationQuerySet(models.QuerySet):
    """Notifications as their recipient lists them."""

    def for_list(self, user):
        """`user`'s notifications, newest first, with what their lines show."""
        return (
            self.filter(recipient=user)
            .select_related("actor__contributor_profile", "topic__forum", "page")
            .order_by("-created_at", "-pk")
        )

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing one user is told about, with a snapshot of what may since have been deleted.

    `subject` keeps the topic's title (a rejected post may take its topic with it); `detail` the
    new status's name, the rejected post's opening words or the title of the idea merged away;
    `reason` the public reason of a status change or a rejection.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NotificationKind.choices)
    topic = models.ForeignKey(
        "forum_conversation.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    post = models.ForeignKey(
        "forum_conversation.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("post"),
    )
    status_change = models.ForeignKey(
        "IdeaStatusChange",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("status change"),
    )
    page = models.ForeignKey(
        PAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list_idx"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(emailed_at__isnull=True, read_at__isnull=True),
                name="notification_unmailed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.recipient} ← {self.kind}: {self.subject}"

"""Who follows which idea or forum, so they hear about replies and status changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowReason(models.TextChoices):
    """Why a follow exists: chosen by the user, or implied by something they did."""

    CHOSEN = "chosen", _("followed")
    AUTHOR = "author", _("author")
    VOTER = "voter", _("voted")
    REPLIER = "replier", _("replied")


class Follow(models.Model):
    """One user following one topic or one whole forum.

    An unfollow keeps the row with `is_following` off, so that voting or replying again later
    does not make the user follow against their wish.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    topic = models.ForeignKey(
        "forum_conversation.Topic",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("topic"),
    )
    forum = models.ForeignKey(
        "forum.Forum",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("forum"),
    )
    is_following = models.BooleanField(_("following"), default=True)
    reason = models.CharField(
        _("reason"), max_length=10, choices=FollowReason.choices, default=FollowReason.CHOSEN
    )
    created_at = models.DateTimeField(_("followed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=models.Q(topic__isnull=False),
                name="one_follow_per_user_and_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "forum"],
                condition=models.Q(forum__isnull=False),
                name="one_follow_per_user_and_forum",
            ),
            models.CheckConstraint(
                condition=models.Q(topic__isnull=True) ^ models.Q(forum__isnull=True),
                name="follow_topic_or_forum",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.topic_id or self.forum_id}"

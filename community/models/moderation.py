"""Moderation: why a post waits for a moderator, reports, bans, and the brand's policy."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

REPORT_REASON_MAX_LENGTH = 1000
REJECTION_REASON_MAX_LENGTH = 1000
BAN_REASON_MAX_LENGTH = 1000


class ModerationReason(models.TextChoices):
    """Why a post is in the moderation queue; the first rule that matches is recorded."""

    APPROVAL_REQUIRED = "approval_required", _("Forum requires approval")
    NEW_ACCOUNT = "new_account", _("One of a newcomer's first posts")
    YOUNG_ACCOUNT = "young_account", _("Account too recent")
    LINKS = "links", _("Contains links")
    WATCHED_WORD = "watched_word", _("Watched word")
    REPORTED = "reported", _("Reported by members")


class ModerationDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")  # for a reported post: kept
    REJECTED = "rejected", _("Rejected")  # the post is deleted


class ModerationCaseQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(decided_at__isnull=True)

    def decided(self):
        return self.filter(decided_at__isnull=False)


class ModerationCase(models.Model):
    """One post waiting for a moderator's decision (held by a rule or hidden by reports).

    The case outlives a rejected post (machina deletes it), so the figures a brand reads —
    decision times, workload — keep their history; the post's forum and author are kept too.
    """

    post = models.ForeignKey(
        "forum_conversation.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_cases",
        verbose_name=_("post"),
    )
    forum = models.ForeignKey(
        "forum.Forum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("forum"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_cases",
        verbose_name=_("author"),
    )
    subject = models.CharField(_("subject"), max_length=255)
    is_topic_head = models.BooleanField(_("new topic"), default=False)
    reason = models.CharField(_("reason"), max_length=20, choices=ModerationReason.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    opened_at = models.DateTimeField(_("waiting since"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, db_index=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=ModerationDecision.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    rejection_reason = models.TextField(
        _("rejection reason"), max_length=REJECTION_REASON_MAX_LENGTH, blank=True
    )

    objects = ModerationCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=Q(decided_at__isnull=True),
                name="one_pending_case_per_post",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.subject}"

    @property
    def is_pending(self):
        return self.decided_at is None

    @property
    def decision_time(self):
        """How long the post waited, once decided."""
        return None if self.decided_at is None else self.decided_at - self.opened_at


class PostReport(models.Model):
    """One member's report of one post; a post is reported once per member."""

    post = models.ForeignKey(
        "forum_conversation.Post",
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("post"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="post_reports",
        verbose_name=_("reporter"),
    )
    reason = models.TextField(_("reason"), max_length=REPORT_REASON_MAX_LENGTH)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    # Set when a moderator decides on the post: reports after that count towards a new review.
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)

    class Meta:
        verbose_name = _("post report")
        ordering = ["reported_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], name="one_report_per_post_and_user"
            )
        ]

    def __str__(self):
        return f"{self.reporter_id} → {self.post_id}"


class BanQuerySet(models.QuerySet):
    def in_force(self, now=None):
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True, starts_at__lte=now).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )


class Ban(models.Model):
    """A member barred from posting, voting and reporting, for a time or for good."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_bans",
        verbose_name=_("member"),
    )
    reason = models.TextField(_("reason"), max_length=BAN_REASON_MAX_LENGTH)
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Leave empty for a permanent ban.")
    )
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("banned by"),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lifted by"),
    )
    lift_reason = models.TextField(_("why lifted"), max_length=BAN_REASON_MAX_LENGTH, blank=True)

    objects = BanQuerySet.as_manager()

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["user", "lifted_at"])]

    def __str__(self):
        return f"{self.user_id} {self.starts_at:%Y-%m-%d}"

    @property
    def is_permanent(self):
        return self.ends_at is None


class WatchedWordAction(models.TextChoices):
    HOLD = "hold", _("Hold for review")
    BLOCK = "block", _("Refuse the post")


class WatchedWord(models.Model):
    """A word or phrase the brand watches for: a post containing it is held or refused."""

    word = models.CharField(
        _("word or phrase"),
        max_length=100,
        unique=True,
        help_text=_("Matched as a whole word, whatever the case."),
    )
    action = models.CharField(
        _("action"), max_length=5, choices=WatchedWordAction.choices, default=WatchedWordAction.HOLD
    )

    panels = [FieldPanel("word"), FieldPanel("action")]

    class Meta:
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")
        ordering = ["word"]

    def __str__(self):
        return self.word


class RejectionReason(models.Model):
    """A canned reason moderators pick when they reject a post; its text is sent to the author."""

    title = models.CharField(_("title"), max_length=100, unique=True)
    text = models.TextField(
        _("message to the author"),
        max_length=REJECTION_REASON_MAX_LENGTH,
        help_text=_("Sent to the author of the rejected post."),
    )

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta:
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")
        ordering = ["title"]

    def __str__(self):
        return self.title


@register_setting(icon="warning")
class ModerationSettings(BaseGenericSetting):
    """The brand's moderation policy: what waits for a moderator, and who is trusted."""

    report_threshold = models.PositiveSmallIntegerField(
        _("reports before a post is hidden"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("A post is hidden pending review once this many members have reported it."),
    )
    hold_first_posts = models.PositiveSmallIntegerField(
        _("hold a newcomer's first posts"),
        default=1,
        help_text=_("How many of a new member's first posts wait for approval (0: none)."),
    )
    hold_posts_with_links = models.BooleanField(
        _("hold posts with links"),
        default=True,
        help_text=_("Posts with a web address wait for approval unless their author is trusted."),
    )
    hold_accounts_younger_than = models.DurationField(
        _("hold posts of accounts younger than"),
        default=timedelta(0),
        help_text=_("For example 24:00:00 for one day; 0 holds nobody for their account's age."),
    )
    trusted_after_approved_posts = models.PositiveSmallIntegerField(
        _("trusted after approved posts"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Members with this many approved posts and no upheld report never wait for approval."
        ),
    )
    stories_index = models.ForeignKey(
        "community.CommunityStoriesIndexPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("stories index"),
        help_text=_(
            "Where promoted ideas become draft stories. Empty: the first live stories index."
        ),
    )
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("hold_first_posts"),
                FieldPanel("hold_posts_with_links"),
                FieldPanel("hold_accounts_younger_than"),
                FieldPanel("trusted_after_approved_posts"),
            ],
            heading=_("Pre-moderation"),
        ),
        FieldPanel("report_threshold"),
        FieldPanel("stories_index"),
    ]

    class Meta:
        verbose_name = _("moderation")

"""Our own data about forum topics: each topic is an idea consumers can upvote once."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Idea(models.Model):
    """What we know about one machina topic beyond machina's own fields: its vote count."""

    topic = models.OneToOneField(
        "forum_conversation.Topic",
        primary_key=True,
        related_name="idea",
        on_delete=models.CASCADE,
        verbose_name=_("topic"),
    )
    votes_count = models.PositiveIntegerField(_("votes"), default=0)
    status = models.ForeignKey(
        "IdeaStatus",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("status"),
        help_text=_("Empty means the default status."),
    )
    # Set once by do_merge_ideas: a merged idea takes no votes and points readers to its target.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
        verbose_name=_("merged into"),
    )
    merged_at = models.DateTimeField(_("merged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("idea")
        indexes = [
            models.Index(fields=["-votes_count"], name="idea_votes_count_idx"),
            # A status's ideas, most voted first: the forum's status filter sorted by votes.
            models.Index(fields=["status", "-votes_count"], name="idea_status_votes_idx"),
        ]
        permissions = [
            ("merge_idea", _("Can merge an idea into another")),
            ("promote_idea", _("Can promote an idea to a story")),
        ]

    def __str__(self):
        return str(self.topic)


class IdeaVote(models.Model):
    """One consumer's upvote of one idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_votes"
    )
    created_at = models.DateTimeField(_("voted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("idea vote")
        constraints = [
            models.UniqueConstraint(fields=["idea", "voter"], name="one_vote_per_idea_and_voter")
        ]

    def __str__(self):
        return f"{self.voter} → {self.idea_id}"


class IdeaStatusQuerySet(models.QuerySet):
    """Statuses in the order a brand chose."""

    def default(self):
        """The status of an idea nobody has reviewed yet (None only if none is marked default)."""
        return self.filter(is_default=True).first()


class IdeaStatus(models.Model):
    """Where an idea stands (new, planned, declined…), named and coloured by the brand."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#6b7280",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb, e.g. #2563eb."))
        ],
        help_text=_("A hex colour such as #2563eb."),
    )
    requires_reason = models.BooleanField(
        _("requires a public reason"),
        default=False,
        help_text=_("Moderators must explain publicly why an idea gets this status."),
    )
    is_default = models.BooleanField(
        _("default status"),
        default=False,
        help_text=_("The status of new ideas. Exactly one status is the default."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IdeaStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea status")
        verbose_name_plural = _("idea statuses")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_idea_status",
            )
        ]

    def __str__(self):
        return self.name


class IdeaStatusChange(models.Model):
    """One public step of an idea's status history, with the reason given."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    status = models.ForeignKey(
        IdeaStatus, on_delete=models.PROTECT, related_name="changes", verbose_name=_("status")
    )
    reason = models.TextField(_("public reason"), max_length=1000, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("idea status change")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.idea_id} → {self.status}"

"""Our own data about forum topics: each topic is an idea consumers can upvote once."""

from django.conf import settings
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

    class Meta:
        verbose_name = _("idea")
        indexes = [models.Index(fields=["-votes_count"], name="idea_votes_count_idx")]

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

"""Badges earned by what happened to a contributor's ideas, and credits on promoted stories."""

import swapper
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")


class BadgeKind(models.TextChoices):
    """The badges there are: each rewards an outcome, not mere activity."""

    FIRST_APPROVED_IDEA = "first_approved_idea", _("First idea")
    IDEA_PLANNED = "idea_planned", _("Idea planned")
    IDEA_LAUNCHED = "idea_launched", _("Idea launched")
    IDEA_PROMOTED = "idea_promoted", _("Idea in the spotlight")
    PRODUCT_TESTER = "product_tester", _("Product tester")


BADGE_DESCRIPTIONS = {
    BadgeKind.FIRST_APPROVED_IDEA: _("Their first idea was published in the forum."),
    BadgeKind.IDEA_PLANNED: _("The brand planned one of their ideas."),
    BadgeKind.IDEA_LAUNCHED: _("One of their ideas was launched."),
    BadgeKind.IDEA_PROMOTED: _("One of their ideas became a story on the brand's site."),
    BadgeKind.PRODUCT_TESTER: _("They were selected to test a product."),
}


class BadgeAward(models.Model):
    """One badge earned by one user, once: a later change of status does not take it back.

    The exception is the promotion badge: it says a story is on the site, so it goes when the
    last live story made of the user's ideas is unpublished.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badge_awards"
    )
    kind = models.CharField(_("badge"), max_length=30, choices=BadgeKind.choices)
    earned_at = models.DateTimeField(_("earned at"))
    idea = models.ForeignKey(
        "Idea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("idea"),
    )

    class Meta:
        verbose_name = _("badge award")
        ordering = ["earned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_badge_award_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}"

    @property
    def description(self):
        """What the badge rewards, in the reader's language."""
        return BADGE_DESCRIPTIONS[self.kind]


class StoryCredit(models.Model):
    """A contributor credited on a story the brand made of their idea."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_credits"
    )
    story = models.ForeignKey(
        PAGE_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )
    idea = models.ForeignKey(
        "Idea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="story_credits",
        verbose_name=_("idea"),
    )
    credited_at = models.DateTimeField(_("credited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("story credit")
        ordering = ["-credited_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "story"], name="one_credit_per_user_and_story")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.story_id}"

"""What a contributor chooses about themselves: how they are named, credited and told."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class CreditPreference(models.TextChoices):
    """How a person is named wherever the brand shows or reuses their contribution."""

    DISPLAY_NAME = "display_name", _("my display name")
    PSEUDONYM = "pseudonym", _("my pseudonym")
    ANONYMOUS = "anonymous", _("anonymously")


class NotificationFrequency(models.TextChoices):
    """When notification e-mails go out; notifications always appear on the site."""

    IMMEDIATELY = "immediately", _("immediately")
    DAILY = "daily", _("in a daily digest")
    NEVER = "never", _("never")


class ContributorProfile(models.Model):
    """One consumer's public identity and choices; created on first need, never required."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="contributor_profile",
    )
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    pseudonym = models.CharField(_("pseudonym"), max_length=40, blank=True)
    credit_preference = models.CharField(
        _("credit me as"),
        max_length=12,
        choices=CreditPreference.choices,
        default=CreditPreference.PSEUDONYM,
    )
    marketing_opt_in = models.BooleanField(_("brand news by e-mail"), default=False)
    notification_frequency = models.CharField(
        _("e-mail me notifications"),
        max_length=12,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATELY,
    )
    # Off until the person says otherwise: a profile gathers someone's activity in one place.
    listed_by_search_engines = models.BooleanField(
        _("let search engines list my profile"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The campaign whose page the newcomer signed up from: the brand's insights count the
    # sign-ups each campaign brought, from this one link and nothing about the visit itself.
    signed_up_via = models.ForeignKey(
        "community.CampaignPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="sign_ups",
        verbose_name=_("signed up via campaign"),
    )

    class Meta:
        verbose_name = _("contributor profile")
        constraints = [
            # Two people credited under one pseudonym would take each other's credit.
            models.UniqueConstraint(
                Lower("pseudonym"),
                condition=~models.Q(pseudonym=""),
                name="unique_pseudonym_ignoring_case",
            )
        ]

    def __str__(self):
        return str(self.user)

"""What contributors agreed to (terms, licence, brand news), and the versions that apply."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class ConsentDocument(models.TextChoices):
    """The things a contributor says yes or no to; each has its own history."""

    TERMS = "terms", _("terms of use")
    LICENCE = "licence", _("contribution licence")
    MARKETING = "marketing", _("brand news by e-mail")


class ConsentRecordQuerySet(models.QuerySet):
    """Consent history, newest last."""

    def current(self, user, document):
        """The record in force for `user` and `document` (the latest one), or None."""
        return self.filter(user=user, document=document).order_by("-recorded_at", "-pk").first()


class ConsentRecord(models.Model):
    """One answer of one user about one document: append-only, the latest per document counts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_records"
    )
    document = models.CharField(_("document"), max_length=12, choices=ConsentDocument.choices)
    version = models.CharField(_("version"), max_length=20, blank=True)
    given = models.BooleanField(_("given"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent record")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["user", "document", "-recorded_at"])]

    def __str__(self):
        return f"{self.user_id} {self.document} {self.version} {self.given}"


@register_setting(icon="doc-full")
class CommunitySettings(BaseGenericSetting):
    """The documents contributors accept, and their versions (one set for every site).

    Accounts are shared by every site of the install, so what they accepted must be too.
    """

    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("terms of use page"),
    )
    terms_version = models.CharField(
        _("terms of use version"),
        max_length=20,
        default="1.0",
        help_text=_("Change it when the terms change: contributors will be asked to accept again."),
    )
    licence_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contribution licence page"),
    )
    licence_version = models.CharField(
        _("contribution licence version"),
        max_length=20,
        default="1.0",
        help_text=_(
            "Change it when the licence changes: contributors will be asked to accept again."
        ),
    )

    panels = [
        MultiFieldPanel([FieldPanel("terms_page"), FieldPanel("terms_version")], _("Terms")),
        MultiFieldPanel(
            [FieldPanel("licence_page"), FieldPanel("licence_version")], _("Contribution licence")
        ),
    ]

    class Meta:
        verbose_name = _("community settings")

    def required_versions(self):
        """The version each document a contributor must accept is at now."""
        return {
            ConsentDocument.TERMS: self.terms_version,
            ConsentDocument.LICENCE: self.licence_version,
        }

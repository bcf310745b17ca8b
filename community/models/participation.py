"""What consumers do on a campaign page: vote for a variant, apply as a tester."""

import swapper
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")


class VariantVote(models.Model):
    """One consumer's choice on one variant question, keyed by the blocks' stable ids."""

    page = models.ForeignKey(PAGE_MODEL, on_delete=models.CASCADE, related_name="+")
    question_id = models.CharField(_("question"), max_length=64)
    variant_id = models.CharField(_("variant"), max_length=64)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="variant_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("variant vote")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "question_id", "voter"], name="one_variant_vote_per_question"
            )
        ]
        indexes = [models.Index(fields=["page", "question_id", "variant_id"])]

    def __str__(self):
        return f"{self.voter} → {self.question_id}: {self.variant_id}"


class TesterApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SELECTED = "selected", _("Selected")
    DECLINED = "declined", _("Declined")


class TesterApplication(models.Model):
    """A consumer's application to a tester call: no more personal data than selection needs."""

    page = models.ForeignKey(PAGE_MODEL, on_delete=models.CASCADE, related_name="+")
    call_id = models.CharField(_("tester call"), max_length=64)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tester_applications"
    )
    motivation = models.TextField(_("motivation"), max_length=1000)
    availability = models.CharField(_("availability"), max_length=200)
    consent_to_contact = models.BooleanField(_("consent to be contacted"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TesterApplicationStatus.choices,
        default=TesterApplicationStatus.PENDING,
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tester application")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "call_id", "applicant"], name="one_application_per_tester_call"
            ),
            models.CheckConstraint(
                condition=models.Q(consent_to_contact=True), name="tester_consent_required"
            ),
        ]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self):
        return f"{self.applicant} → {self.call_id}"

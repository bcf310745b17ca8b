"""Forms consumers fill in on campaign pages and forum posts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.moderation import REPORT_REASON_MAX_LENGTH


class VariantVoteForm(forms.Form):
    variant = forms.CharField(max_length=64, error_messages={"required": _("Choose a variant.")})


class TesterApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why would you like to test this product?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    availability = forms.CharField(
        label=_("When are you available?"),
        max_length=200,
        help_text=_("For example: weekends in March."),
    )
    consent_to_contact = forms.BooleanField(
        label=_("I agree to be contacted by e-mail about this test."),
        error_messages={"required": _("We can only select testers who agree to be contacted.")},
    )


class ReportPostForm(forms.Form):
    """Why a member thinks a post should be reviewed by moderators."""

    reason = forms.CharField(
        label=_("Why should moderators review this post?"),
        max_length=REPORT_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only moderators read your report. The author is not told who reported."),
        error_messages={"required": _("Say why this post should be reviewed.")},
    )

"""Forms consumers fill in on campaign pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


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

"""The form that bans a member in the admin: whom (by username or e-mail), why, until when."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from community.models import Ban
from community.models.moderation import BAN_REASON_MAX_LENGTH


class MemberField(forms.CharField):
    """A member named by their username or e-mail address, whatever the case."""

    def clean(self, value):
        value = super().clean(value).strip()
        users = get_user_model().objects
        # A username names one account; an e-mail address may be shared by several.
        matches = list(users.filter(username__iexact=value)[:2]) or list(
            users.filter(email__iexact=value)[:2]
        )
        if len(matches) > 1:
            raise forms.ValidationError(
                _("Several members have this e-mail address: give the username instead.")
            )
        if not matches:
            raise forms.ValidationError(_("No member has this username or e-mail address."))
        return matches[0]


class BanForm(WagtailAdminModelForm):
    """Whom to ban, why (shown to them), and until when; saved by `do_ban_user`, not by the form."""

    user = MemberField(
        label=_("Member"), help_text=_("Their username or e-mail address."), max_length=254
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=BAN_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the member whenever they try to post, vote or report."),
    )

    class Meta:
        model = Ban
        fields = ["user", "reason", "ends_at"]
        widgets = {"ends_at": AdminDateTimeInput()}

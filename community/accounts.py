"""Forms of contributor accounts: sign-up with consent and credit, settings, avatar, consent."""

from urllib.parse import urlsplit

from allauth.account.forms import ReauthenticateForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from . import actions
from .avatars import AVATAR_ACCEPT, validate_avatar
from .models import (
    CampaignPage,
    CommunitySettings,
    ContributorProfile,
    CreditPreference,
    NotificationFrequency,
)


def _document_label(linked, plain, page, version):
    # The format strings are ours (translated); format_html escapes the URL and the version.
    url = page.url if page is not None and page.live else ""
    if url:
        return format_html(linked, url=url, version=version)
    return format_html(plain, version=version)


def consent_fields(form, community_settings):
    """Add the two required consent boxes, labelled with the documents' links and versions."""
    form.fields["accept_terms"] = forms.BooleanField(
        label=_document_label(
            _('I accept the <a href="{url}">terms of use</a> (version {version})'),
            _("I accept the terms of use (version {version})"),
            community_settings.terms_page,
            community_settings.terms_version,
        ),
        error_messages={"required": _("Accept the terms of use to take part.")},
    )
    form.fields["accept_licence"] = forms.BooleanField(
        label=_document_label(
            _(
                'I license my contributions under the <a href="{url}">contribution licence</a> '
                "(version {version})"
            ),
            _("I license my contributions under the contribution licence (version {version})"),
            community_settings.licence_page,
            community_settings.licence_version,
        ),
        error_messages={"required": _("Accept the contribution licence to take part.")},
    )


def _campaign_of_forum_path(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    forum_pk = match.kwargs.get("forum_pk")
    if forum_pk is None and match.view_name == "forum:forum":
        forum_pk = match.kwargs.get("pk")
    if forum_pk is None:
        return None
    return CampaignPage.objects.filter(forum_id=forum_pk).first()


def campaign_signed_up_from(request):
    """The campaign whose page or forum the sign-up started from (its `next` address), or None.

    Only the address the newcomer was sent back to is read: nothing is tracked on the way.
    """
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return None
    path = urlsplit(next_url).path
    if not path.startswith("/"):
        return None
    site = Site.find_for_request(request)
    if site is not None:
        # The page itself or one of its routes (vote/…, apply/…): the deepest campaign wins.
        root = site.root_page.url_path.rstrip("/")
        parts = [part for part in path.split("/") if part]
        prefixes = [root + "/" + "".join(f"{part}/" for part in parts[:n]) for n in range(1, 9)]
        campaign = (
            CampaignPage.objects.filter(url_path__in=prefixes[: len(parts)])
            .order_by("-depth")
            .first()
        )
        if campaign is not None:
            return campaign
    return _campaign_of_forum_path(path)


class PublicNameForm(forms.Form):
    """How a contributor is named: the choice, and the name it needs."""

    credit_preference = forms.ChoiceField(
        label=_("Credit me as"),
        choices=CreditPreference.choices,
        initial=CreditPreference.PSEUDONYM,
        widget=forms.RadioSelect,
        help_text=_("How we name you on the forum and wherever the brand reuses your ideas."),
    )
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=40,
        required=False,
        help_text=_("Required if you want to be credited by a pseudonym."),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Your name as you want it shown, for example “Camille D.”."),
    )
    #: The user whose profile is edited (None at sign-up): their own pseudonym is not taken.
    profile_owner = None

    def _clean_name(self, field):
        value = " ".join(self.cleaned_data.get(field, "").split())
        if "@" in value:
            raise forms.ValidationError(_("Leave out e-mail addresses: this name is public."))
        return value

    def clean_pseudonym(self):
        pseudonym = self._clean_name("pseudonym")
        others = ContributorProfile.objects.filter(pseudonym__iexact=pseudonym)
        if self.profile_owner is not None:
            others = others.exclude(user=self.profile_owner)
        if pseudonym and others.exists():
            raise forms.ValidationError(
                _("Someone already uses this pseudonym: choose another one.")
            )
        return pseudonym

    def clean_display_name(self):
        return self._clean_name("display_name")

    def clean(self):
        cleaned = super().clean()
        preference = cleaned.get("credit_preference")
        if preference == CreditPreference.PSEUDONYM and not cleaned.get("pseudonym"):
            self.add_error("pseudonym", _("Choose a pseudonym, or another way to be credited."))
        if preference == CreditPreference.DISPLAY_NAME and not cleaned.get("display_name"):
            self.add_error(
                "display_name", _("Enter a display name, or another way to be credited.")
            )
        return cleaned


class SignupForm(PublicNameForm, AllauthSignupForm):
    """allauth's sign-up, asking for consent to the terms and licence and a credit choice."""

    field_order = [
        "email",
        "password1",
        "password2",
        "credit_preference",
        "pseudonym",
        "display_name",
        "marketing_opt_in",
        "accept_terms",
        "accept_licence",
    ]
    marketing_opt_in = forms.BooleanField(
        label=_("Send me the brand's news by e-mail (you can stop at any time)"),
        required=False,
        initial=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consent_fields(self, CommunitySettings.load())
        self.order_fields(self.field_order)

    def save(self, request):
        # One transaction: an account never exists without its consents and profile.
        with transaction.atomic():
            user = super().save(request)
            data = self.cleaned_data
            actions.do_record_sign_up(
                user,
                accepted_terms=data["accept_terms"],
                accepted_licence=data["accept_licence"],
                display_name=data["display_name"],
                pseudonym=data["pseudonym"],
                credit_preference=data["credit_preference"],
                marketing_opt_in=data["marketing_opt_in"],
                signed_up_via=campaign_signed_up_from(request),
            )
        return user

    def try_save(self, request):
        # The form checked the pseudonym, but someone may take it before this commits: the
        # transaction rolls back and the newcomer is told, rather than meeting a server error.
        try:
            return super().try_save(request)
        except actions.ActionRefused as refusal:
            messages.error(request, refusal.message)
            return None, redirect("account_signup")


class ContributorSettingsForm(PublicNameForm):
    """A contributor's choices: public name, credit, brand news and notification e-mails."""

    marketing_opt_in = forms.BooleanField(
        label=_("Send me the brand's news by e-mail"), required=False
    )
    notification_frequency = forms.ChoiceField(
        label=_("E-mail me notifications"),
        choices=NotificationFrequency.choices,
        widget=forms.RadioSelect,
    )
    listed_by_search_engines = forms.BooleanField(
        label=_("Let search engines such as Google list my public profile"),
        required=False,
        help_text=_(
            "Off unless you tick it: your profile page then asks search engines not to list it. "
            "Your ideas in public forums can be found either way."
        ),
    )

    def __init__(self, *args, profile_owner, **kwargs):
        self.profile_owner = profile_owner
        super().__init__(*args, **kwargs)


class AvatarForm(forms.Form):
    """A new avatar: PNG, JPEG, WebP or GIF, 1 MB at most."""

    avatar = forms.FileField(
        label=_("New avatar"),
        validators=[validate_avatar],
        help_text=_("A PNG, JPEG, WebP or GIF image of 1 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": AVATAR_ACCEPT}),
    )


class ConsentForm(forms.Form):
    """Accept the current terms of use and contribution licence again."""

    def __init__(self, *args, community_settings, **kwargs):
        super().__init__(*args, **kwargs)
        consent_fields(self, community_settings)


class DeleteAccountForm(ReauthenticateForm):
    """What becomes of one's posts, and the password again: allauth checks it, rate-limited."""

    KEEP, REMOVE = "keep", "remove"
    posts = forms.ChoiceField(
        label=_("Your posts in the forum"),
        choices=[
            (KEEP, _("Keep them, signed “A former member”")),
            (
                REMOVE,
                _(
                    "Remove them. A topic you started stays if others replied in it or a story "
                    "was made of it: your words are then replaced by a notice."
                ),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what becomes of your posts.")},
    )
    field_order = ["posts", "password"]

    @property
    def keeps_posts(self):
        return self.cleaned_data["posts"] == self.KEEP

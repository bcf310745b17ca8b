"""Contributor pages: the public profile, account settings, avatar and re-consent."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import actions
from .accounts import AvatarForm, ConsentForm, ContributorSettingsForm
from .credits import contributor_profile
from .models import CommunitySettings
from .people import avatar_of, profile_context
from .permissions import active_ban, ban_refusal, outdated_consents


def contributor_profile_page(request, user_id):
    """A contributor's public profile: public name, ideas and their statuses, badges, credits."""
    users = get_user_model().objects.select_related("contributor_profile", "forum_profile")
    person = get_object_or_404(users, pk=user_id, is_active=True)
    context = profile_context(person, request)
    return TemplateResponse(request, "community/contributor_profile.html", context)


def consent_url(next_url):
    """The page where a contributor accepts changed documents, then goes back to `next_url`."""
    return f"{reverse('community:accept_documents')}?{urlencode({'next': next_url})}"


def _settings_form(request, data=None):
    profile = contributor_profile(request.user)
    initial = {field: getattr(profile, field) for field in actions.profiles.PROFILE_FIELDS}
    return ContributorSettingsForm(data, initial=initial, profile_owner=request.user)


def _ban_notice(user):
    ban = active_ban(user)
    return ban_refusal(ban) if ban is not None else ""


def _settings_page(request, settings_form=None, avatar_form=None, status=200):
    context = {
        "form": settings_form or _settings_form(request),
        "avatar_form": avatar_form or AvatarForm(),
        # Their own avatar, shown to them whatever their credit choice.
        "avatar": avatar_of(request.user),
        "profile_url": reverse("community:profile", args=[request.user.pk]),
        # A banned member reads here, too, why and until when they cannot take part.
        "ban_notice": _ban_notice(request.user),
    }
    return TemplateResponse(request, "community/account_settings.html", context, status=status)


@login_required
def account_settings(request):
    """Change one's public name, credit choice, brand news opt-in and notification e-mails."""
    if request.method != "POST":
        return _settings_page(request)
    form = _settings_form(request, request.POST)
    if not form.is_valid():
        return _settings_page(request, settings_form=form, status=400)
    try:
        actions.do_update_contributor_profile(
            request.user, acting_user=request.user, **form.cleaned_data
        )
    except actions.ActionRefused as refusal:
        form.add_error(None, refusal.message)
        return _settings_page(request, settings_form=form, status=refusal.status)
    messages.success(request, _("Your choices are saved."))
    return redirect("community:account_settings")


@login_required
@require_POST
def upload_avatar(request):
    """Replace one's avatar with an uploaded image."""
    form = AvatarForm(request.POST, request.FILES)
    if not form.is_valid():
        return _settings_page(request, avatar_form=form, status=400)
    try:
        actions.do_set_avatar(request.user, form.cleaned_data["avatar"], acting_user=request.user)
    except actions.ActionRefused as refusal:
        form.add_error("avatar", refusal.message)
        return _settings_page(request, avatar_form=form, status=refusal.status)
    messages.success(request, _("Your avatar is changed."))
    return redirect("community:account_settings")


@login_required
@require_POST
def remove_avatar(request):
    """Take one's avatar down."""
    actions.do_remove_avatar(request.user, acting_user=request.user)
    messages.success(request, _("Your avatar is removed."))
    return redirect("community:account_settings")


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else reverse("community:account_settings")


@login_required
def accept_documents(request):
    """Ask to accept the terms and licence again after the brand changed their versions."""
    community_settings = CommunitySettings.load(request_or_site=request)
    outdated = outdated_consents(request.user, community_settings)
    form = ConsentForm(request.POST or None, community_settings=community_settings)
    if request.method == "POST" and form.is_valid():
        actions.do_accept_current_documents(request.user, acting_user=request.user)
        messages.success(request, _("Thank you: you can take part again."))
        return redirect(_next_url(request))
    context = {"form": form, "outdated": outdated, "next": _next_url(request)}
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "community/accept_documents.html", context, status=status)

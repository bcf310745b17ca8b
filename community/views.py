"""Views behind the campaign page's forms; each calls one action."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import actions
from .forms import TesterApplicationForm, VariantVoteForm


def _anchor_url(campaign, request, anchor):
    return f"{campaign.get_url(request)}#{anchor}"


def refused(request, campaign, message, status):
    """A 4xx page that says what went wrong and leads back to the campaign."""
    context = {"page": campaign, "message": message}
    return TemplateResponse(request, "community/action_refused.html", context, status=status)


def _carry_out(request, campaign, anchor, action, success_message):
    if not request.user.is_authenticated:
        return redirect_to_login(_anchor_url(campaign, request, anchor))
    try:
        action()
    except actions.ActionRefused as refusal:
        return refused(request, campaign, refusal.message, refusal.status)
    except PermissionDenied:
        return refused(request, campaign, _("You may not do this."), 403)
    messages.success(request, success_message)
    return redirect(_anchor_url(campaign, request, anchor))


def cast_variant_vote(request, campaign, question_id):
    form = VariantVoteForm(request.POST)
    if not form.is_valid():
        return refused(request, campaign, _("Choose a variant."), 400)
    return _carry_out(
        request,
        campaign,
        f"question-{question_id}",
        lambda: actions.do_cast_variant_vote(
            campaign, question_id, form.cleaned_data["variant"], acting_user=request.user
        ),
        _("Your vote is recorded. You can change it until the campaign closes."),
    )


def apply_as_tester(request, campaign, call_id):
    form = TesterApplicationForm(request.POST)
    if request.user.is_authenticated and not form.is_valid():
        context = {"page": campaign, "form": form, "call_id": call_id}
        return TemplateResponse(
            request, "community/tester_application_form.html", context, status=400
        )
    return _carry_out(
        request,
        campaign,
        f"tester-call-{call_id}",
        lambda: actions.do_apply_as_tester(
            campaign, call_id, acting_user=request.user, **form.cleaned_data
        ),
        _("Thank you: your application is received. We will tell you if you are selected."),
    )

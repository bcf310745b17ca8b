"""Views behind the community's forms (campaign pages, idea votes); each calls one action."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import actions
from .forms import TesterApplicationForm, VariantVoteForm
from .models import IdeaStatus
from .profile_views import consent_url


def _anchor_url(campaign, request, anchor):
    return f"{campaign.get_url(request)}#{anchor}"


def refused(request, campaign, message, status):
    """A 4xx page that says what went wrong and leads back to the campaign (or a topic)."""
    context = {"page": campaign, "message": message}
    return TemplateResponse(request, "community/action_refused.html", context, status=status)


def _carry_out(request, campaign, anchor, action, success_message):
    if not request.user.is_authenticated:
        return redirect_to_login(_anchor_url(campaign, request, anchor))
    try:
        action()
    except actions.ConsentRequired:
        return redirect(consent_url(_anchor_url(campaign, request, anchor)))
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


IDEA_VOTES_ANCHOR = "idea-votes"
IDEA_STATUS_ANCHOR = "idea-status"


def topic_url(topic):
    """The machina page of a topic."""
    forum = topic.forum
    kwargs = {"forum_slug": forum.slug, "forum_pk": forum.pk, "slug": topic.slug, "pk": topic.pk}
    return reverse("forum_conversation:topic", kwargs=kwargs)


def _safe_next(request, default):
    url = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else default


def idea_and_way_back(request, topic_id, anchor):
    """(topic, way back to `anchor` on its page, None), or (None, None, the response to send)."""
    try:
        topic = actions.idea_topic(topic_id)
    except actions.ActionRefused as refusal:
        back = {"url": reverse("forum:index"), "title": _("Forum")}
        return None, None, refused(request, back, refusal.message, refusal.status)
    back_url = f"{topic_url(topic)}#{anchor}"
    if not request.user.is_authenticated:
        return None, None, redirect_to_login(back_url)
    return topic, {"url": back_url, "title": topic.subject}, None


def _carry_out_on_idea(request, topic_id, action, success_message, anchor=IDEA_VOTES_ANCHOR):
    topic, back, response = idea_and_way_back(request, topic_id, anchor)
    if response is not None:
        return response
    back_url = back["url"]
    try:
        action(topic, acting_user=request.user)
    except actions.ConsentRequired:
        return redirect(consent_url(back_url))
    except actions.ActionRefused as refusal:
        return refused(request, back, refusal.message, refusal.status)
    except PermissionDenied:
        return refused(request, back, _("You may not do this."), 403)
    messages.success(request, success_message)
    return redirect(_safe_next(request, back_url))


@require_POST
def vote_for_idea(request, topic_id):
    """Upvote an idea (a forum topic), then go back to where the vote was cast."""
    return _carry_out_on_idea(
        request, topic_id, actions.do_vote_for_idea, _("Your vote for this idea is recorded.")
    )


@require_POST
def withdraw_idea_vote(request, topic_id):
    """Withdraw one's upvote of an idea, then go back to where it was withdrawn."""
    return _carry_out_on_idea(
        request, topic_id, actions.do_withdraw_idea_vote, _("Your vote for this idea is withdrawn.")
    )


@require_POST
def set_idea_status(request, topic_id):
    """Give an idea a new status with its public reason (moderators), then show it on the topic."""

    def set_status(topic, *, acting_user):
        status = IdeaStatus.objects.filter(slug=request.POST.get("status", "")).first()
        if status is None:
            raise actions.ActionRefused(_("Choose one of the statuses shown."))
        actions.do_set_idea_status(
            topic, status, reason=request.POST.get("reason", ""), acting_user=acting_user
        )

    return _carry_out_on_idea(
        request,
        topic_id,
        set_status,
        _("The idea's status is changed."),
        anchor=IDEA_STATUS_ANCHOR,
    )


FOLLOW_ANCHOR = "follow"


@require_POST
def follow_topic(request, topic_id):
    """Follow a topic (an idea), then go back to it."""
    return _carry_out_on_idea(
        request,
        topic_id,
        actions.do_follow_topic,
        _("You follow this idea: you will be told of its replies and status changes."),
        anchor=FOLLOW_ANCHOR,
    )


@require_POST
def unfollow_topic(request, topic_id):
    """Stop following a topic (an idea), then go back to it."""
    return _carry_out_on_idea(
        request,
        topic_id,
        actions.do_unfollow_topic,
        _("You no longer follow this idea."),
        anchor=FOLLOW_ANCHOR,
    )

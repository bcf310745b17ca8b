"""The page where a contributor accepts or declines being named in a story."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import actions
from .actions.story_consents import do_answer_story_consent
from .credits import credited_name
from .models import CommunityStoryPage, StoryConsent


def _parts_of(story, user):
    """What the draft says of `user`: the quotes of their words and their credit lines."""
    quotes, credits = [], []
    for block in story.body:
        if block.block_type == "quote" and block.value["contributor"] == user.pk:
            quotes.append(block.value)
        elif block.block_type == "credits":
            credits += [c for c in block.value["contributors"] if c["contributor"] == user.pk]
    return quotes, credits


@login_required
def story_consent(request, page_id):
    """Show a contributor what a story draft quotes of them; accept or decline being named."""
    story = get_object_or_404(CommunityStoryPage, pk=page_id)
    consent = StoryConsent.objects.filter(story=story, user=request.user).first()
    if consent is None:
        # Nobody learns of a draft that does not concern them.
        raise Http404
    status = 200
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            messages.error(request, _("Choose to accept or to decline."))
            status = 400
        else:
            try:
                do_answer_story_consent(story, acting_user=request.user, accept=answer == "accept")
            except actions.ActionRefused as refusal:
                messages.error(request, refusal.message)
                status = refusal.status
            else:
                messages.success(request, _("Thank you: your answer is recorded."))
                return redirect("community:story_consent", page_id=story.pk)
    draft = story.get_latest_revision_as_object()
    quotes, credits = _parts_of(draft, request.user)
    context = {
        "story": draft,
        "consent": StoryConsent.objects.get(pk=consent.pk),
        "quotes": quotes,
        "credits": credits,
        "current_name": credited_name(request.user),
    }
    return TemplateResponse(request, "community/story_consent.html", context, status=status)

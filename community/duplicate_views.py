"""Duplicate ideas: suggestions while a title is typed, and merging one idea into another."""

import re
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Topic
from machina.apps.forum_permission.handler import PermissionHandler

from . import actions, permissions
from .similar import SIMILAR_IDEAS_LIMIT, similar_ideas
from .views import idea_and_way_back, refused, topic_url

IDEA_MERGE_ANCHOR = "idea-merge"
TITLE_MAX_LENGTH = 255
# The number at the end of a topic's slug in its URL: /forum/forum/<slug>-<pk>/topic/<slug>-<pk>/
_TOPIC_PATH = re.compile(r"/topic/[^/]*-(\d+)/")


def _requested_forum(request):
    """The readable forum of `?forum=`, None without one; a 404 refusal for any other value."""
    value = request.GET.get("forum", "")
    if not value:
        return None
    forum = Forum.objects.filter(pk=value).first() if value.isdigit() else None
    if forum is None or not PermissionHandler().can_read_forum(forum, request.user):
        return False
    return forum


def similar_idea_data(topic):
    """What the suggestion list shows of one topic; plain data, rendered as text by the script."""
    return {
        "id": topic.pk,
        "title": topic.subject,
        "url": topic_url(topic),
        "forum": topic.forum.name,
        "votes": topic.idea_votes,
        "status": topic.idea_status_name or "",
    }


@require_GET
def similar_ideas_json(request):
    """Up to five readable ideas like `?q=` (3 characters at least), `?forum=`'s first, as JSON."""
    forum = _requested_forum(request)
    if forum is False:
        return JsonResponse({"error": _("This forum does not exist.")}, status=404)
    title = request.GET.get("q", "")[:TITLE_MAX_LENGTH]
    topics = similar_ideas(title, user=request.user, forum=forum, limit=SIMILAR_IDEAS_LIMIT)
    return JsonResponse({"results": [similar_idea_data(topic) for topic in topics]})


def target_topic_pk(value):
    """The topic number in `value`: a number (#42 or 42) or the URL of a topic page; else None."""
    value = (value or "").strip()
    if value.lstrip("#").isdigit():
        return int(value.lstrip("#"))
    match = _TOPIC_PATH.search(urlsplit(value).path)
    return int(match[1]) if match else None


def _target_topic(request):
    pk = target_topic_pk(request.POST.get("target_ref", "")) or target_topic_pk(
        request.POST.get("target", "")
    )
    topic = Topic.objects.select_related("forum").filter(pk=pk).first() if pk else None
    if topic is None:
        raise actions.ActionRefused(
            _("Choose one of the similar ideas, or enter the number or address of an idea.")
        )
    return topic


def _merge(request, source, target, reason):
    if request.POST.get("confirm") != "1":
        actions.check_merge(source, target, acting_user=request.user)
        context = {"source": source, "target": target, "reason": reason}
        return TemplateResponse(request, "community/idea_merge_confirm.html", context)
    actions.do_merge_ideas(source, target, reason=reason, acting_user=request.user)
    messages.success(
        request,
        _("“%(source)s” is merged into this idea.") % {"source": source.subject},
    )
    return redirect(topic_url(target))


@require_POST
def merge_idea(request, topic_id):
    """Merge an idea into another (moderators): a confirmation page first, then the merge."""
    source, back, response = idea_and_way_back(request, topic_id, IDEA_MERGE_ANCHOR)
    if response is not None:
        return response
    if not permissions.can_merge_ideas(request.user):
        return refused(request, back, _("Only moderators and editors merge ideas."), 403)
    try:
        target = _target_topic(request)
        return _merge(request, source, target, request.POST.get("reason", "").strip())
    except actions.ActionRefused as refusal:
        return refused(request, back, refusal.message, refusal.status)
    except PermissionDenied:
        return refused(request, back, _("You may not do this."), 403)

"""Views of follows of whole forums, of one's notifications, and of the unsubscribe link."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from machina.apps.forum.models import Forum

from . import actions, emails
from .models import Notification
from .notifications import describe, link_path
from .views import FOLLOW_ANCHOR, _safe_next, refused

NOTIFICATIONS_PER_PAGE = 20


def forum_path(forum):
    """The machina page of a forum."""
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def _carry_out_on_forum(request, forum_id, action, success_message):
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None:
        back = {"url": reverse("forum:index"), "title": _("Forum")}
        return refused(request, back, _("This forum does not exist."), 404)
    back_url = f"{forum_path(forum)}#{FOLLOW_ANCHOR}"
    if not request.user.is_authenticated:
        return redirect_to_login(back_url)
    back = {"url": back_url, "title": forum.name}
    try:
        action(forum, acting_user=request.user)
    except actions.ActionRefused as refusal:
        return refused(request, back, refusal.message, refusal.status)
    except PermissionDenied:
        return refused(request, back, _("You may not do this."), 403)
    messages.success(request, success_message)
    return redirect(back_url)


@require_POST
def follow_forum(request, forum_id):
    """Follow a whole forum, then go back to it."""
    return _carry_out_on_forum(
        request,
        forum_id,
        actions.do_follow_forum,
        _("You follow this forum: you will be told of every reply in it."),
    )


@require_POST
def unfollow_forum(request, forum_id):
    """Stop following a whole forum, then go back to it."""
    return _carry_out_on_forum(
        request, forum_id, actions.do_unfollow_forum, _("You no longer follow this forum.")
    )


@login_required
def notification_list(request):
    """The signed-in user's notifications, newest first, unread ones marked."""
    notifications = Notification.objects.for_list(request.user)
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    items = [
        {
            "notification": notification,
            "text": describe(notification),
            "url": link_path(notification, request),
            "unread": notification.read_at is None,
        }
        for notification in page
    ]
    context = {"page_obj": page, "items": items, "here": request.get_full_path()}
    return TemplateResponse(request, "community/notification_list.html", context)


def _back_to_list(request):
    return redirect(_safe_next(request, reverse("community:notifications")))


@require_POST
def mark_notification_read(request, notification_id):
    """Mark one of one's notifications read, then go back to the list."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("community:notifications"))
    back = {"url": reverse("community:notifications"), "title": _("Notifications")}
    notification = Notification.objects.filter(pk=notification_id).first()
    try:
        if notification is None:
            raise actions.ActionRefused(_("This notification does not exist."), status=404)
        actions.do_mark_notification_read(notification, acting_user=request.user)
    except actions.ActionRefused as refusal:
        return refused(request, back, refusal.message, refusal.status)
    return _back_to_list(request)


@require_POST
def mark_all_notifications_read(request):
    """Mark every one of one's notifications read, then go back to the list."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("community:notifications"))
    actions.do_mark_all_notifications_read(acting_user=request.user)
    messages.success(request, _("All your notifications are marked read."))
    return _back_to_list(request)


def _unsubscribing_user(token):
    try:
        user_id = emails.user_id_of_unsubscribe_token(token)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


# No CSRF token: the signed link is the proof, mail providers POST it without any cookie
# (RFC 8058), and the page must stay cookie-free for a visitor who is not signed in.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop notification e-mails from a signed link, no sign-in: GET asks, POST does it."""
    user = _unsubscribing_user(token)
    if user is None:
        return TemplateResponse(request, "community/unsubscribe_invalid.html", status=400)
    done = request.method == "POST"
    if done:
        actions.do_unsubscribe_from_notifications(user)
    context = {"done": done, "action_url": request.path}
    response = TemplateResponse(request, "community/unsubscribe.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response

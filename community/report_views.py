"""A member reports a forum post to the moderators, from the post's "Report" button."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from machina.apps.forum_conversation.models import Post

from . import actions, permissions
from .forms import ReportPostForm
from .models import PostReport
from .views import refused, topic_url


def _report_page(request, post, form, status=200, refusal=None):
    context = {"post": post, "topic": post.topic, "form": form, "refusal": refusal}
    return TemplateResponse(request, "community/report_post.html", context, status=status)


def _refusal_before_form(user, post):
    """Why the form is not worth showing (banned, own post, hidden, already reported), or None."""
    ban = permissions.active_ban(user)
    if ban is not None:
        return permissions.ban_refusal(ban), 403
    refusal = permissions.report_refusal(user, post)
    if refusal is not None:
        return refusal, 403 if post.approved else 409
    if PostReport.objects.filter(post=post, reporter=user).exists():
        return actions.reports.ALREADY_REPORTED, 409
    return None


def report_post(request, post_id):
    """The report form of one post; a sent report goes back to the post's topic with thanks."""
    post = Post.objects.select_related("topic__forum").filter(pk=post_id).first()
    if post is not None and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    handler = request.forum_permission_handler
    if post is None or not handler.can_read_forum(post.topic.forum, request.user):
        # Nobody learns that a post exists in a forum they may not read.
        back = {"url": reverse("forum:index"), "title": _("Forum")}
        return refused(request, back, _("This post does not exist."), 404)
    if request.method != "POST":
        refusal = _refusal_before_form(request.user, post)
        if refusal is not None:
            message, status = refusal
            return _report_page(request, post, None, status=status, refusal=message)
        return _report_page(request, post, ReportPostForm())
    form = ReportPostForm(request.POST)
    if not form.is_valid():
        return _report_page(request, post, form, status=400)
    try:
        actions.do_report_post(post, request.user, form.cleaned_data["reason"])
    except actions.ActionRefused as refusal:
        form.add_error(None, refusal.message)
        return _report_page(request, post, form, status=refusal.status)
    post.refresh_from_db(fields=["approved"])
    if post.approved:
        messages.success(request, _("Thanks, moderators will review this post."))
    else:
        messages.success(
            request, _("Thanks, moderators will review this post. It is hidden until then.")
        )
    post.topic.refresh_from_db(fields=["approved"])
    if post.topic.approved:
        return redirect(topic_url(post.topic))
    forum = post.topic.forum
    return redirect(reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}))

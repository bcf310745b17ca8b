"""The admin screen that makes a draft story of an idea: choose the replies to quote."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.admin import messages
from wagtail.models import Page, TaskState

from community import actions, permissions
from community.actions.stories import do_promote_idea
from community.credits import credited_name, prefetch_profiles
from community.models import CommunityStoryPage, ContributorConsentTask, Idea
from community.stories import plain_text

#: The words of each post shown to choose from; the story quotes the whole reply.
EXCERPT_WORDS = 60
SUMMARY_MAX_LENGTH = 500


class PromoteIdeaForm(forms.Form):
    """The replies to quote and the story's summary."""

    replies = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Replies to quote"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=SUMMARY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The story's introduction; you can change it in the editor."),
    )

    def __init__(self, *args, replies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replies"].choices = [(reply.pk, str(reply.pk)) for reply in replies]


def _excerpt(post):
    return Truncator(plain_text(post.content.rendered)).words(EXCERPT_WORDS)


def _approved_replies(topic):
    replies = list(
        Post.objects.filter(topic=topic, approved=True)
        .exclude(pk=topic.first_post_id)
        .select_related("poster")
        .order_by("created", "pk")
    )
    prefetch_profiles([reply.poster for reply in replies])
    return replies


def promote_idea(request, idea_id):
    """Show the idea and its approved replies to quote; on POST make the draft and open it."""
    if not permissions.can_promote_idea(request.user):
        raise PermissionDenied
    topic = get_object_or_404(
        Topic.objects.select_related("forum", "poster", "first_post"), pk=idea_id
    )
    story = CommunityStoryPage.objects.filter(source_idea_id=topic.pk).first()
    if story is not None:
        return redirect("wagtailadmin_pages:edit", story.pk)
    replies = _approved_replies(topic)
    form = PromoteIdeaForm(request.POST or None, replies=replies)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            idea = Idea.objects.filter(pk=topic.pk).first() or Idea(topic=topic)
            try:
                story = do_promote_idea(
                    idea,
                    request.user,
                    form.cleaned_data["replies"],
                    summary=form.cleaned_data["summary"],
                )
            except actions.ActionRefused as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status
            else:
                messages.success(
                    request, _("The draft story is ready: edit it, then submit it for review.")
                )
                return redirect("wagtailadmin_pages:edit", story.pk)
    context = {
        "topic": topic,
        "idea_text": _excerpt(topic.first_post) if topic.first_post else "",
        "idea_author": credited_name(topic.poster),
        "replies": [
            {"post": reply, "excerpt": _excerpt(reply), "author": credited_name(reply.poster)}
            for reply in replies
        ],
        "chosen": {str(pk) for pk in form["replies"].value() or []},
        "form": form,
        "header_title": _("Promote to a story"),
        "page_title": _("Promote to a story"),
        "page_subtitle": topic.subject,
        "header_icon": "doc-full",
    }
    return TemplateResponse(request, "community/admin/promote_idea.html", context, status=status)


def awaiting_consent(page):
    """Whether `page` is a story its contributors have not cleared: being asked, or never asked.

    A story goes live the first time through its workflow, whose consent step asks everyone it
    quotes or credits; once live, edits may be published directly.
    """
    if not issubclass(page.specific_class or type(page), CommunityStoryPage):
        return False
    task = page.current_workflow_task
    if task is not None:
        return isinstance(task.specific, ContributorConsentTask)
    return not page.live and not _passed_consent(page)


def _passed_consent(page):
    return TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id=str(page.pk),
        task__in=ContributorConsentTask.objects.all(),
        status=TaskState.STATUS_APPROVED,
    ).exists()


def hide_publish_while_consent_is_awaited(menu_items, request, context):
    """No "Publish" shortcut past the contributors: only the consent task (or its override)."""
    page = context.get("page")
    if page is not None and page.pk and awaiting_consent(page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def refuse_publish_while_consent_is_awaited(request, page):
    """The same rule for a publish request sent without the menu."""
    if request.method == "POST" and "action-publish" in request.POST and awaiting_consent(page):
        messages.error(
            request,
            _(
                "The contributors have not all answered yet: submit the story to its workflow "
                "and wait for them, or override their consent with a note, before publishing."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None

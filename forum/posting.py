"""machina's posting views: similar ideas first, a posting rate, size limits, clear refusals."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from machina.apps.forum_conversation import views as machina_views
from machina.apps.forum_conversation.forum_polls import views as machina_poll_views

from community import permissions, ratelimits
from community.actions.base import VOTING_TOO_FAST
from community.permissions import outdated_consents
from community.profile_views import consent_url
from community.similar import similar_ideas
from community.uploads import validate_forum_attachment
from community.views import refused, topic_url

from .forms import LimitedAttachmentFormset, LimitedPostForm, LimitedTopicForm

#: The hidden field that says "I saw the similar ideas and post mine anyway".
SIMILAR_IDEAS_CONFIRM_FIELD = "post_despite_similar_ideas"


class SimilarIdeasStepMixin:
    """A step before posting a new topic: ideas like its title are listed, nothing is saved.

    A first submit whose title looks like existing ideas shows the form again with those ideas and
    a hidden confirmation; only a submit carrying it posts. Previews and invalid forms are
    machina's. With JavaScript, the same ideas appear as the title is typed. Put it before any
    mixin that counts sent messages, so that this step counts as nothing sent.
    """

    def confirmed(self):
        """Whether the poster has already seen the similar ideas and chose to post anyway."""
        return self.request.POST.get(SIMILAR_IDEAS_CONFIRM_FIELD) == "1"

    def form_valid(self, post_form, attachment_formset, poll_option_formset, **kwargs):
        if not self.preview and not self.confirmed():
            similar = similar_ideas(
                post_form.cleaned_data["subject"], user=self.request.user, forum=self.get_forum()
            )
            if similar:
                # Like a preview: nothing is saved, machina keeps the attachments in its cache.
                context = self.get_context_data(
                    post_form=post_form,
                    attachment_formset=attachment_formset,
                    poll_option_formset=poll_option_formset,
                    similar_ideas=similar,
                    **kwargs,
                )
                return self.render_to_response(context)
        return super().form_valid(post_form, attachment_formset, poll_option_formset, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["similar_ideas_url"] = reverse("community:similar_ideas")
        context["similar_ideas_confirm_field"] = SIMILAR_IDEAS_CONFIRM_FIELD
        context["similar_ideas_confirmed"] = self.request.method == "POST" and self.confirmed()
        return context


class BanRefusalMixin:
    """Refuse a banned member any posting or editing, with the ban's reason and end (403 page)."""

    def dispatch(self, request, *args, **kwargs):
        ban = permissions.active_ban(request.user)
        if ban is not None:
            raise PermissionDenied(permissions.ban_refusal(ban))
        return super().dispatch(request, *args, **kwargs)


class ConsentRequiredMixin:
    """Send people whose accepted terms or licence changed to accept them before posting."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and outdated_consents(request.user):
            return redirect(consent_url(request.get_full_path()))
        return super().dispatch(request, *args, **kwargs)


class PostingLimitsMixin:
    """Count each sent (not previewed) message against the author's posting rate."""

    def form_valid(self, post_form, *args, **kwargs):
        user = self.request.user
        if not self.preview and not permissions.is_exempt_from_rate_limits(user):
            if not ratelimits.consume(user, "post"):
                post_form.add_error(
                    None,
                    _(
                        "You are posting too fast. Wait a minute, then send again: "
                        "your message is kept below."
                    ),
                )
                response = self.form_invalid(post_form, *args, **kwargs)
                response.status_code = 429
                return response
        return super().form_valid(post_form, *args, **kwargs)


class HeldPostMessageMixin:
    """Tell the author of a post held by pre-moderation that it awaits review, and nothing else.

    machina lands them on the forum (a new topic) or the topic (a reply), where a held post does
    not show yet: the message says why and what comes next.
    """

    approval_required_message = gettext_lazy(
        "Your message awaits review by a moderator: it will appear once approved, "
        "and you will get a notification."
    )

    def form_valid(self, post_form, *args, **kwargs):
        if not self.preview and getattr(post_form, "holds", False):
            # machina adds its "posted successfully" first: a held post is not posted yet.
            self.success_message = gettext_lazy("Thank you, your message is sent.")
        return super().form_valid(post_form, *args, **kwargs)


def _is_refused_attachment(upload):
    try:
        validate_forum_attachment(upload)
    except ValidationError:
        return True
    return False


class AttachmentLimitsMixin:
    """Attachments within settings.FORUM_ATTACHMENT_*; a refused file is not kept.

    machina keeps every upload in its attachment cache, before validating it, to restore it
    after a preview or an error: a refused file would come back on every later submit. It is
    kept out of the cache, and still shown to the formset, which says why it is refused.
    """

    attachment_formset_class = LimitedAttachmentFormset

    def init_attachment_cache(self):
        files = self.request.FILES
        refused = {name: upload for name, upload in files.items() if _is_refused_attachment(upload)}
        for name in refused:
            del files[name]
        super().init_attachment_cache()
        for name, upload in refused.items():
            self.request.FILES[name] = upload


class LockedTopicRefusalMixin:
    """Say why a locked topic refuses a reply or an edit instead of machina's bare 403."""

    def check_permissions(self, request):
        try:
            return super().check_permissions(request)
        except PermissionDenied:
            topic = self.get_topic()
            if topic.is_locked:
                raise PermissionDenied(
                    _("This topic is locked: it takes no new replies or edits.")
                ) from None
            raise


class TopicCreateView(
    BanRefusalMixin,
    ConsentRequiredMixin,
    SimilarIdeasStepMixin,
    PostingLimitsMixin,
    HeldPostMessageMixin,
    AttachmentLimitsMixin,
    machina_views.TopicCreateView,
):
    """A new topic, after a look at similar ideas, within the posting and attachment limits."""

    post_form_class = LimitedTopicForm


class TopicUpdateView(
    BanRefusalMixin,
    PostingLimitsMixin,
    LockedTopicRefusalMixin,
    AttachmentLimitsMixin,
    machina_views.TopicUpdateView,
):
    """An edited topic, within the posting and attachment limits."""

    post_form_class = LimitedTopicForm


class PostCreateView(
    BanRefusalMixin,
    ConsentRequiredMixin,
    PostingLimitsMixin,
    HeldPostMessageMixin,
    LockedTopicRefusalMixin,
    AttachmentLimitsMixin,
    machina_views.PostCreateView,
):
    """A reply, within the posting and attachment limits."""

    post_form_class = LimitedPostForm


class PostUpdateView(
    BanRefusalMixin,
    PostingLimitsMixin,
    LockedTopicRefusalMixin,
    AttachmentLimitsMixin,
    machina_views.PostUpdateView,
):
    """An edited reply, within the posting and attachment limits."""

    post_form_class = LimitedPostForm


class TopicPollVoteView(BanRefusalMixin, machina_poll_views.TopicPollVoteView):
    """A vote in a topic's poll, refused to banned members and within the voting rate."""

    def form_valid(self, form):
        user = self.request.user
        if not permissions.is_exempt_from_rate_limits(user) and not ratelimits.consume(
            user, "vote"
        ):
            topic = self.object.topic
            back = {"url": topic_url(topic), "title": topic.subject}
            return refused(self.request, back, VOTING_TOO_FAST, 429)
        return super().form_valid(form)

"""machina's posting views with our limits: a posting rate, sized messages, clear refusals."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from machina.apps.forum_conversation import views as machina_views

from community import permissions, ratelimits

from .forms import LimitedPostForm, LimitedTopicForm


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


class TopicCreateView(PostingLimitsMixin, machina_views.TopicCreateView):
    """A new topic, within the posting rate and message limits."""

    post_form_class = LimitedTopicForm


class TopicUpdateView(PostingLimitsMixin, LockedTopicRefusalMixin, machina_views.TopicUpdateView):
    """An edited topic, within the posting rate and message limits."""

    post_form_class = LimitedTopicForm


class PostCreateView(PostingLimitsMixin, LockedTopicRefusalMixin, machina_views.PostCreateView):
    """A reply, within the posting rate and message limits."""

    post_form_class = LimitedPostForm


class PostUpdateView(PostingLimitsMixin, LockedTopicRefusalMixin, machina_views.PostUpdateView):
    """An edited reply, within the posting rate and message limits."""

    post_form_class = LimitedPostForm

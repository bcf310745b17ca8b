"""machina's forum views, extended with idea votes and statuses, and safe attachment downloads."""

from django.db.models import F, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from machina.apps.forum.models import Forum
from machina.apps.forum.views import ForumView, IndexView
from machina.apps.forum_conversation.forum_attachments.views import AttachmentView
from machina.apps.forum_conversation.models import Topic
from machina.apps.forum_conversation.views import TopicView
from machina.apps.forum_tracking.views import MarkTopicsReadView

from community.models import IdeaStatus
from community.uploads import user_file_response

# Each sort keeps machina's first key (announces, then stickies, then topics) and ends on the
# primary key so that pages never overlap.
TOPIC_SORTS = {
    "votes": (_("Most voted"), ("-type", "-idea_votes", "-last_post_on", "-pk")),
    "newest": (_("Newest"), ("-type", "-created", "-pk")),
    "active": (_("Recently active"), ("-type", "-last_post_on", "-pk")),
}
DEFAULT_SORT = "active"


def _default_status(field):
    # A topic without an idea, or an idea without a status, has the default status.
    return Subquery(IdeaStatus.objects.filter(is_default=True).values(field)[:1])


def _query(**params):
    return "?" + urlencode({key: value for key, value in params.items() if value})


class ForumIndexView(IndexView):
    """machina's forum index, whose forum tree is built only if its list must be rendered.

    Building machina's tree reads every forum with its last post and walks their permissions:
    most of the index's time. A visitor's list is kept until the content changes
    (forum_lists.forum_index), so a visitor's index reads no forum at all.
    """

    def get_queryset(self):
        return SimpleLazyObject(super().get_queryset)

    def get_context_data(self, **kwargs):
        # Not machina's: its totals read the tree; forum_index counts them when it renders.
        return super(IndexView, self).get_context_data(**kwargs)

    def get_template_names(self):
        # ListView's would ask the tree for its model, and so build it.
        return [self.template_name]


class SortedForumView(ForumView):
    """machina's forum page whose topics carry their idea votes and status, sorted and filtered."""

    def get_sort(self):
        """The `sort` asked for, or the default (machina's order) for a missing or unknown one."""
        sort = self.request.GET.get("sort", "")
        return sort if sort in TOPIC_SORTS else DEFAULT_SORT

    @cached_property
    def status_filter(self):
        """The idea status whose topics alone are listed (`?status=<slug>`), or None for all."""
        slug = self.request.GET.get("status", "")
        return IdeaStatus.objects.filter(slug=slug).first() if slug else None

    def get_queryset(self):
        topics = (
            super()
            .get_queryset()
            # Posters are named by their profiles: joined here, not fetched once per topic.
            .select_related("poster__contributor_profile", "last_post__poster__contributor_profile")
            .annotate(
                idea_votes=Coalesce(F("idea__votes_count"), 0),
                idea_status_name=Coalesce(F("idea__status__name"), _default_status("name")),
                idea_status_colour=Coalesce(F("idea__status__colour"), _default_status("colour")),
            )
        )
        status = self.status_filter
        if status is not None:
            matches = Q(idea__status=status)
            if status.is_default:
                matches |= Q(idea__status__isnull=True)
            topics = topics.filter(matches)
        return topics.order_by(*TOPIC_SORTS[self.get_sort()][1])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.get_sort()
        asked_sort = self.request.GET.get("sort", "") if current != DEFAULT_SORT else ""
        status = self.status_filter
        status_slug = status.slug if status else ""
        context["topic_sorts"] = [
            {
                "key": key,
                "label": label,
                "current": key == current,
                "href": _query(sort=key, status=status_slug),
            }
            for key, (label, _ordering) in TOPIC_SORTS.items()
        ]
        context["topic_status_filters"] = [
            {"label": _("All"), "current": status is None, "href": _query(sort=asked_sort) or "?"}
        ] + [
            {
                "label": choice.name,
                "colour": choice.colour,
                "current": status is not None and choice.pk == status.pk,
                "href": _query(sort=asked_sort, status=choice.slug),
            }
            for choice in IdeaStatus.objects.all()
        ]
        return context


class CreditedTopicView(TopicView):
    """machina's topic page, with each poster's profile joined to name them by their choice."""

    def get_topic(self):
        # One query for what the page reads of the topic: its forum, first post (machina's
        # "is topic head"), poll, and the idea with its status that our template tags show.
        if not hasattr(self, "topic"):
            topics = Topic.objects.select_related("forum", "first_post", "poll", "idea__status")
            self.topic = get_object_or_404(topics, pk=self.kwargs["pk"])
        return self.topic

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("poster__contributor_profile", "updated_by__contributor_profile")
        )


class MemberProfileRedirectView(RedirectView):
    """machina's member profile moves to the contributor profile, which honours credit choices."""

    pattern_name = "community:profile"

    def get_redirect_url(self, *args, **kwargs):
        return super().get_redirect_url(user_id=kwargs["pk"])


class AttachmentDownloadView(AttachmentView):
    """machina's attachment download (its permission check), served as a member's file.

    machina guesses a type from the name and falls back to text/plain, without `nosniff`.
    """

    def render_to_response(self, context, **response_kwargs):
        return user_file_response(self.object.file.open("rb"), self.object.filename)


class MarkForumTopicsReadView(MarkTopicsReadView):
    """machina's "mark this forum's topics read", answering 404 (not a 500) for an unknown forum."""

    def get_controlled_object(self):
        # machina's own uses `Forum.objects.get`, which raises DoesNotExist before any 404.
        return get_object_or_404(Forum, pk=self.kwargs["pk"])


def member_page_not_found(request, pk):
    """A member page whose user id is not a number: nobody (machina's own view fails with a 500)."""
    raise Http404

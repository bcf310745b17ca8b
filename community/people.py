"""What a contributor's public profile shows: only what anonymous visitors may already read."""

from django.db.models import Count, Min
from machina.apps.forum_conversation.models import Topic
from machina.apps.forum_member.models import ForumProfile

from .credits import contributor_profile, public_name
from .models import BadgeAward, Idea, IdeaStatus, IdeaStatusChange, StoryCredit
from .permissions import forums_readable_by_anonymous

#: The latest ideas a profile lists.
IDEAS_SHOWN = 50


def public_topics(user):
    """`user`'s approved topics in forums that anonymous visitors can read."""
    readable = forums_readable_by_anonymous()
    return Topic.objects.filter(poster=user, approved=True, forum__in=readable)


def _status_of(topic, default):
    try:
        return topic.idea.status or default
    except Idea.DoesNotExist:
        return default


def avatar_of(user):
    """`user`'s avatar image field, or None."""
    try:
        return user.forum_profile.avatar or None
    except ForumProfile.DoesNotExist:
        return None


def profile_context(user, request):
    """Everything the profile page of `user` shows, in a number of queries independent of size."""
    topics = public_topics(user)
    default = IdeaStatus.objects.default()
    latest = topics.select_related("forum", "idea__status").order_by("-created", "-pk")
    ideas = [
        {"topic": topic, "status": _status_of(topic, default)} for topic in latest[:IDEAS_SHOWN]
    ]
    reached = (
        IdeaStatusChange.objects.filter(idea__topic__in=topics)
        .values("status__name", "status__colour", "status__sort_order", "status__pk")
        .annotate(ideas=Count("idea", distinct=True), first=Min("changed_at"))
        .order_by("status__sort_order", "status__pk")
    )
    credits = StoryCredit.objects.filter(user=user, story__live=True).select_related("story")
    name = public_name(user)
    return {
        "person": user,
        "profile": contributor_profile(user),
        "public_name": name,
        "avatar": avatar_of(user) if name else None,
        "ideas": ideas,
        "ideas_count": topics.count(),
        "statuses_reached": list(reached),
        "badges": list(BadgeAward.objects.filter(user=user)),
        "credits": [
            {"story": credit.story, "url": credit.story.get_url(request)} for credit in credits
        ],
    }

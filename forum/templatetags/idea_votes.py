"""Template tags showing a topic's idea votes and status on machina's pages."""

from django import template

from community import permissions
from community.models import Idea, IdeaStatus, IdeaStatusChange, IdeaVote

register = template.Library()


def topic_idea(topic):
    """The topic's idea, or None; the topic view joins it (with its status), so no query here.

    Elsewhere the first call loads it and caches it on the topic for the other tags.
    """
    try:
        return topic.idea
    except Idea.DoesNotExist:
        return None


@register.inclusion_tag("includes/idea_votes.html", takes_context=True)
def idea_votes(context, topic):
    """The topic's vote count, and the visitor's button to vote, withdraw or sign in."""
    request = context["request"]
    user = request.user
    idea = topic_idea(topic)
    has_voted = bool(
        idea and user.is_authenticated and IdeaVote.objects.filter(idea=idea, voter=user).exists()
    )
    return {
        "topic": topic,
        "user": user,
        "votes_count": idea.votes_count if idea else 0,
        "has_voted": has_voted,
        "frozen_reason": permissions.idea_votes_frozen_reason(topic),
        "can_vote": user.is_authenticated
        and permissions.can_vote_on_idea(user, topic, request.forum_permission_handler),
        "here": f"{request.get_full_path()}#idea-votes",
    }


@register.inclusion_tag("includes/idea_status.html", takes_context=True)
def idea_status(context, topic):
    """The idea's current status, its public history and, for moderators, the form to change it."""
    user = context["request"].user
    idea = topic_idea(topic)
    status = idea.status if idea and idea.status_id else IdeaStatus.objects.default()
    history = IdeaStatusChange.objects.filter(idea=idea).select_related("status") if idea else []
    can_set = user.is_authenticated and permissions.can_set_idea_status(user)
    return {
        "topic": topic,
        "status": status,
        "history": list(history),
        "can_set_status": can_set,
        "statuses": list(IdeaStatus.objects.all()) if can_set else [],
    }

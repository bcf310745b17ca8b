"""Template tags showing a topic's idea votes on machina's pages."""

from django import template

from community import permissions
from community.models import Idea, IdeaVote

register = template.Library()


@register.inclusion_tag("includes/idea_votes.html", takes_context=True)
def idea_votes(context, topic):
    """The topic's vote count, and the visitor's button to vote, withdraw or sign in."""
    request = context["request"]
    user = request.user
    idea = Idea.objects.filter(topic=topic).only("votes_count").first()
    has_voted = bool(
        idea and user.is_authenticated and IdeaVote.objects.filter(idea=idea, voter=user).exists()
    )
    return {
        "topic": topic,
        "user": user,
        "votes_count": idea.votes_count if idea else 0,
        "has_voted": has_voted,
        "frozen_reason": permissions.idea_votes_frozen_reason(topic),
        "can_vote": user.is_authenticated and permissions.can_vote_on_idea(user, topic),
        "here": f"{request.get_full_path()}#idea-votes",
    }

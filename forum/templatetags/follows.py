"""Template tags showing the follow and unfollow buttons of topics and forums."""

from django import template
from django.db.models import Q
from django.urls import reverse

from community.models import Follow

register = template.Library()


def _context(request, kind, target_pk, follows, through_forum=False):
    user = request.user
    own = next((follow for follow in follows if not through_forum or follow.topic_id), None)
    forum_follow = next((follow for follow in follows if follow.forum_id), None)
    return {
        "user": user,
        "kind": kind,
        "following": bool(own and own.is_following),
        "reason": own.get_reason_display() if own and own.is_following else "",
        # An explicit unfollow of the topic wins over following its forum.
        "through_forum": bool(
            through_forum and own is None and forum_follow and forum_follow.is_following
        ),
        "follow_url": reverse(f"community:follow_{kind}", args=[target_pk]),
        "unfollow_url": reverse(f"community:unfollow_{kind}", args=[target_pk]),
        "here": f"{request.get_full_path()}#follow",
    }


@register.inclusion_tag("includes/follow_button.html", takes_context=True)
def topic_follow_button(context, topic):
    """Whether the visitor follows the topic (or its whole forum), with the button to change it."""
    request = context["request"]
    follows = []
    if request.user.is_authenticated:
        # One query answers for the topic and for its forum.
        follows = list(
            Follow.objects.filter(user=request.user).filter(
                Q(topic=topic) | Q(forum_id=topic.forum_id)
            )
        )
    result = _context(request, "topic", topic.pk, follows, through_forum=True)
    result["can_follow"] = topic.approved
    return result


@register.inclusion_tag("includes/follow_button.html", takes_context=True)
def forum_follow_button(context, forum):
    """Whether the visitor follows the whole forum, with the button to change it."""
    request = context["request"]
    follows = []
    if request.user.is_authenticated:
        follows = list(Follow.objects.filter(user=request.user, forum=forum))
    result = _context(request, "forum", forum.pk, follows)
    result["can_follow"] = forum.is_forum
    return result

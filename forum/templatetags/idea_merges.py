"""Template tags showing idea merges on topic pages: where an idea went, what merged into it."""

from django import template
from django.db.models import Q

from community import permissions
from community.models import Idea
from community.similar import similar_ideas

register = template.Library()


def _readable(request, topic, here):
    # Merges across forums are rare: only those need a permission check.
    return topic.forum_id == here.forum_id or request.forum_permission_handler.can_read_forum(
        topic.forum, request.user
    )


@register.inclusion_tag("includes/idea_merges.html", takes_context=True)
def idea_merges(context, topic):
    """The target of a merged idea, and the ideas merged into this one, in one query."""
    request = context["request"]
    ideas = Idea.objects.filter(
        Q(pk=topic.pk, merged_into__isnull=False) | Q(merged_into=topic.pk)
    ).select_related("topic__forum", "merged_into__topic__forum")
    merged_into, merged_ideas = None, []
    for idea in ideas:
        if idea.pk == topic.pk:
            target = idea.merged_into.topic
            merged_into = target if _readable(request, target, topic) else None
        elif idea.topic.approved and _readable(request, idea.topic, topic):
            merged_ideas.append(idea.topic)
    return {"merged_into": merged_into, "merged_ideas": merged_ideas}


@register.inclusion_tag("includes/idea_merge_form.html", takes_context=True)
def idea_merge_form(context, topic):
    """For moderators and editors, the form to merge this idea into a similar one."""
    user = context["request"].user
    if not (user.is_authenticated and permissions.can_merge_ideas(user)):
        return {"can_merge": False}
    if Idea.objects.filter(pk=topic.pk, merged_into__isnull=False).exists():
        return {"can_merge": False}
    candidates = similar_ideas(topic.subject, user=user, forum=topic.forum, exclude_topic=topic)
    return {
        "can_merge": True,
        "topic": topic,
        "candidates": [
            candidate for candidate in candidates if candidate.forum_id == topic.forum_id
        ],
    }

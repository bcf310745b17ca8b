"""Template tags of campaign pages."""

from django import template
from django.db.models import F, Q
from django.db.models.functions import Coalesce

register = template.Library()


@register.simple_tag(takes_context=True)
def question_state(context, block_id):
    """The visitor's QuestionState of a variant-vote block, prepared by the page's context."""
    return context.get("question_states", {}).get(block_id)


@register.simple_tag(takes_context=True)
def tester_application(context, block_id):
    """The visitor's application to this tester call, if any."""
    return context.get("tester_applications", {}).get(block_id)


@register.simple_tag
def idea_topics(campaign, limit):
    """The latest and the most voted approved topics of the campaign's forum.

    Ties in votes (including ideas nobody voted for yet) go to the most discussed, then the most
    recent; an idea with neither a vote nor a reply is only among the latest.
    """
    if campaign.forum_id is None or not limit:
        return {"latest": [], "top": []}
    topics = campaign.forum.topics.filter(approved=True).select_related("poster")
    top = topics.annotate(votes_count=Coalesce(F("idea__votes_count"), 0)).filter(
        Q(votes_count__gt=0) | Q(posts_count__gt=1)
    )
    return {
        "latest": list(topics.order_by("-last_post_on")[:limit]),
        "top": list(top.order_by("-votes_count", "-posts_count", "-last_post_on")[:limit]),
    }

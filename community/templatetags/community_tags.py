"""Template tags of campaign pages."""

from django import template
from django.db.models import F

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

    Only ideas with votes are "most voted"; ties go to the most discussed, then the most recent.
    """
    if campaign.forum_id is None or not limit:
        return {"latest": [], "top": []}
    topics = campaign.forum.topics.filter(approved=True).select_related("poster")
    top = topics.filter(idea__votes_count__gt=0).annotate(votes_count=F("idea__votes_count"))
    return {
        "latest": list(topics.order_by("-last_post_on")[:limit]),
        "top": list(top.order_by("-votes_count", "-posts_count", "-last_post_on")[:limit]),
    }

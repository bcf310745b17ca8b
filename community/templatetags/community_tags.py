"""Template tags of campaign pages."""

from django import template

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
    """The latest and the most discussed approved topics of the campaign's forum."""
    if campaign.forum_id is None or not limit:
        return {"latest": [], "top": []}
    topics = campaign.forum.topics.filter(approved=True).select_related("poster")
    return {
        "latest": list(topics.order_by("-last_post_on")[:limit]),
        "top": list(topics.filter(posts_count__gt=1).order_by("-posts_count")[:limit]),
    }

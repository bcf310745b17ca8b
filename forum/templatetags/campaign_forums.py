"""Template tags linking campaign forums to their campaign."""

from django import template

from forum.campaigns import campaign_of

register = template.Library()


@register.inclusion_tag("includes/campaign_forum_banner.html")
def campaign_forum_banner(forum):
    """Where a forum belongs to a campaign: a link to it, and why posting stopped once closed."""
    return {"campaign": campaign_of(forum)}

"""Template tags linking campaign forums to their campaign."""

from django import template

from community.models import campaign_of_forum

register = template.Library()


@register.inclusion_tag("includes/campaign_forum_banner.html")
def campaign_forum_banner(forum):
    """Where a forum belongs to a campaign: a link to it, and why posting stopped once closed."""
    return {"campaign": campaign_of_forum(forum)}

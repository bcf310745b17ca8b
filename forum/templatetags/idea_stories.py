"""Template tag linking an idea's topic page to the story made of it, and offering promotion."""

from django import template
from django.urls import reverse

from community import permissions
from community.models import CommunityStoryPage

register = template.Library()


@register.inclusion_tag("includes/idea_story.html", takes_context=True)
def idea_story(context, topic):
    """ "This idea became a story" with its link; for moderators and editors, the way to promote."""
    request = context["request"]
    user = request.user
    story = CommunityStoryPage.objects.filter(source_idea_id=topic.pk).first()
    can_promote = user.is_authenticated and permissions.can_promote_idea(user) and topic.approved
    return {
        "story": story if story is not None and story.live else None,
        "story_url": story.get_url(request) if story is not None and story.live else "",
        "can_promote": can_promote,
        "has_draft": story is not None,
        "promote_url": reverse("community_promote_idea", args=[topic.pk]) if can_promote else "",
    }

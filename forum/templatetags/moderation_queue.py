"""Whether the forum's header links to the moderation queue."""

from django import template

from community import permissions

register = template.Library()


@register.filter
def can_view_moderation_queue(user):
    """`{{ user|can_view_moderation_queue }}`: whether the queue machina's link leads to lets
    `user` in (Django permissions, already loaded: machina's own check reads every forum)."""
    return permissions.can_view_moderation_queue(user)

"""Template tags of notifications: the header's unread count."""

from django import template

from community.models import Notification

register = template.Library()


@register.simple_tag
def unread_notifications_count(user):
    """How many notifications `user` has not read: one indexed count, none for visitors."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user).unread().count()

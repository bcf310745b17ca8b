"""Helpers shared by the duplicate-idea tests: forums nobody but moderators reads, topic URLs."""

from django.contrib.auth.models import Group
from machina.apps.forum_permission.models import (
    ForumPermission,
    GroupForumPermission,
    UserForumPermission,
)

from community.roles import CONSUMERS, EDITORS


def make_private(forum):
    """Take `can_read_forum` on `forum` from visitors, signed-in users, consumers and editors."""
    permission = ForumPermission.objects.get(codename="can_read_forum")
    for holder in ({"anonymous_user": True}, {"authenticated_user": True}):
        UserForumPermission.objects.create(
            forum=forum, permission=permission, user=None, has_perm=False, **holder
        )
    for name in (CONSUMERS, EDITORS):
        GroupForumPermission.objects.create(
            forum=forum, permission=permission, group=Group.objects.get(name=name), has_perm=False
        )
    return forum


def forum_url(forum):
    return f"/forum/forum/{forum.slug}-{forum.pk}/"


def topic_url(topic):
    return f"{forum_url(topic.forum)}topic/{topic.slug}-{topic.pk}/"


def topic_create_url(forum):
    return f"{forum_url(forum)}topic/create/"

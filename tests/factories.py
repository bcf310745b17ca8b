"""Builders for test data: `create_x(**attrs)` returns a saved object with sensible defaults."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic

from community.roles import CONSUMERS, EDITORS, MODERATORS

DEFAULT_PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)

ROLE_GROUPS = {"consumer": CONSUMERS, "moderator": MODERATORS, "editor": EDITORS, "admin": None}


def create_user(role="consumer", password=DEFAULT_PASSWORD, **attrs):
    """A user with a verified e-mail address, in the group of `role`."""
    from allauth.account.models import EmailAddress

    number = next(_sequence)
    attrs.setdefault("username", f"{role}{number}")
    attrs.setdefault("email", f"{attrs['username']}@example.com")
    if role == "admin":
        attrs.setdefault("is_superuser", True)
        attrs.setdefault("is_staff", True)
    user = get_user_model().objects.create_user(password=password, **attrs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if ROLE_GROUPS[role]:
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return user


def create_forum(**attrs):
    """A postable forum, in a new category unless `parent` is given."""
    number = next(_sequence)
    if "parent" not in attrs:
        attrs["parent"] = Forum.objects.create(name=f"Category {number}", type=Forum.FORUM_CAT)
    attrs.setdefault("name", f"Forum {number}")
    attrs.setdefault("type", Forum.FORUM_POST)
    return Forum.objects.create(**attrs)


def create_topic(forum=None, poster=None, content="An idea worth discussing.", **attrs):
    """An approved topic with its first post."""
    forum = forum or create_forum()
    poster = poster or create_user()
    attrs.setdefault("subject", f"Topic {next(_sequence)}")
    attrs.setdefault("approved", True)
    attrs.setdefault("status", Topic.TOPIC_UNLOCKED)
    topic = Topic.objects.create(forum=forum, poster=poster, type=Topic.TOPIC_POST, **attrs)
    Post.objects.create(
        topic=topic,
        poster=poster,
        subject=topic.subject,
        content=content,
        approved=attrs["approved"],
    )
    topic.refresh_from_db()
    return topic

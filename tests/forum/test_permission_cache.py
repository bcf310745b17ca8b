"""Forum permissions are cached across requests and forgotten as soon as they change."""

import os

import pytest
from django.contrib.auth.models import Group
from machina.apps.forum_permission.models import ForumPermission, GroupForumPermission

from brandsite.core.caching import seconds_to_keep
from brandsite.seo.indexing import public_forum_ids
from forum.handler import GRANTED_FORUMS_CACHE_SECONDS, permissions_generation
from tests.duplicates import forum_url, make_private
from tests.factories import create_forum, create_topic, create_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


def listed(client, forum):
    response = client.get("/forum/")
    assert response.status_code == 200
    return forum_url(forum) in response.content.decode()


def test_a_forum_closed_to_visitors_leaves_the_index_at_once(client):
    forum = create_forum(name="Closing soon")
    assert listed(client, forum)

    make_private(forum)

    assert not listed(client, forum)
    assert forum.pk not in public_forum_ids()


def test_a_forum_moved_under_a_private_category_leaves_the_index_and_the_public_forums(client):
    forum = create_forum(name="Moving house")
    private_category = make_private(create_forum(name="Staff only").parent)
    assert listed(client, forum)
    assert forum.pk in public_forum_ids()

    forum.move_to(private_category, "last-child")

    assert not listed(client, forum)
    assert forum.pk not in public_forum_ids()


@pytest.mark.parametrize("side", ["user.groups", "group.user_set"])
def test_joining_a_group_opens_its_forum_at_once(client, side):
    forum = make_private(create_forum(name="Testers' corner"))
    testers = Group.objects.create(name="Product testers")
    GroupForumPermission.objects.create(
        forum=forum,
        group=testers,
        permission=ForumPermission.objects.get(codename="can_read_forum"),
        has_perm=True,
    )
    member, bystander = create_user(), create_user()
    client.force_login(member)
    assert not listed(client, forum)

    if side == "user.groups":
        member.groups.add(testers)
    else:
        testers.user_set.add(member)

    assert listed(client, forum)
    client.force_login(bystander)
    assert not listed(client, forum)


def test_posting_keeps_the_cached_permissions(client):
    """machina saves the forum on every post for its counters: that changes no permission."""
    forum = create_forum()
    assert listed(client, forum)
    before = permissions_generation()

    create_topic(forum=forum)

    assert permissions_generation() == before


def test_without_a_shared_cache_answers_are_kept_only_briefly(settings):
    """Each worker's own memory never hears another worker's changes: they must expire soon."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.PROCESS_CACHE_MAX_SECONDS = 10

    assert seconds_to_keep(GRANTED_FORUMS_CACHE_SECONDS) == 10


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (as in CI)")
def test_with_redis_answers_are_kept_until_a_change_forgets_them():
    assert seconds_to_keep(GRANTED_FORUMS_CACHE_SECONDS) == GRANTED_FORUMS_CACHE_SECONDS

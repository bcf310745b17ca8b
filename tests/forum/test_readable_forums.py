"""A forum closed to a group hides that forum alone, not the forums listed after it."""

import pytest
from machina.apps.forum.models import Forum

from forum.handler import CampaignPermissionHandler
from tests.duplicates import make_private
from tests.factories import create_forum

pytestmark = pytest.mark.django_db


def test_a_private_forum_hides_only_itself_from_members(consumer, moderator):
    before = create_forum()
    private = make_private(create_forum())
    after = create_forum()

    readable = set(CampaignPermissionHandler().get_readable_forums(Forum.objects.all(), consumer))

    assert {before, after} <= readable
    assert private not in readable
    assert private in CampaignPermissionHandler().get_readable_forums(
        Forum.objects.all(), moderator
    )


def test_the_forum_index_lists_forums_after_a_private_one(client_as, consumer):
    make_private(create_forum(name="Staff room"))
    create_forum(name="Open garden")

    html = client_as(consumer).get("/forum/").content.decode()

    assert "Open garden" in html
    assert "Staff room" not in html


def test_a_forum_made_private_later_is_hidden_at_once(consumer):
    before = create_forum()
    closing = create_forum()
    after = create_forum()

    def readable(user):
        return set(CampaignPermissionHandler().get_readable_forums(Forum.objects.all(), user))

    assert {before, closing, after} <= readable(consumer)

    make_private(closing)

    now_readable = readable(consumer)
    assert {before, after} <= now_readable
    assert closing not in now_readable

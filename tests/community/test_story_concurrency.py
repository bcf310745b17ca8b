"""Two promotions of one idea at once leave one story page; two of different ideas leave two.

PostgreSQL only: the idea's row lock makes promotions of one idea take turns, the index's row
lock orders the page-tree writes of promotions of different ideas.
"""

import pytest
from wagtail.models import Page, PageLogEntry

from community.models import CommunityStoryPage
from tests.community.stories import promote
from tests.concurrency import RACE_ROUNDS, race_test, run_together
from tests.factories import (
    create_forum,
    create_profile,
    create_reply,
    create_stories_index,
    create_topic,
    create_user,
)

pytestmark = race_test


def promote_call(topic, user, replies, made):
    """A promotion that notes the page it returns in `made`."""
    return lambda: made.append(promote(topic, user, replies=replies).pk)


@pytest.fixture
def contributors():
    """A forum, an idea author and a replier with their credit choices, for every round's idea."""
    author, replier = create_user(), create_user()
    create_profile(author, pseudonym="Idea author")
    create_profile(replier, pseudonym="Replier")
    return create_forum(), author, replier


def assert_page_tree_sound():
    assert not any(Page.find_problems()), Page.find_problems()


def test_concurrent_promotions_of_one_idea_leave_one_draft(contributors):
    create_stories_index()
    forum, author, replier = contributors
    moderator, editor = create_user("moderator"), create_user("editor")
    for round_number in range(RACE_ROUNDS):
        topic = create_topic(forum=forum, poster=author, subject=f"A fig soap {round_number}")
        reply = create_reply(topic, poster=replier, content="Fig *and* cedar, please.")
        made = []
        errors = run_together(
            [
                promote_call(topic, moderator, [reply], made),
                promote_call(topic, editor, [], made),
            ]
        )
        assert errors == [], round_number
        assert len(made) == 2 and made[0] == made[1], round_number
        assert CommunityStoryPage.objects.filter(source_idea_id=topic.pk).count() == 1
        promotions = PageLogEntry.objects.filter(action="community.idea.promote", page_id=made[0])
        assert promotions.count() == 1, round_number
    assert_page_tree_sound()


def test_concurrent_promotions_of_different_ideas_both_land(contributors):
    index = create_stories_index()
    forum, author, _replier = contributors
    editor = create_user("editor")
    for _round in range(RACE_ROUNDS):
        topics = [create_topic(forum=forum, poster=author) for _idea in range(3)]
        errors = run_together([lambda topic=topic: promote(topic, editor) for topic in topics])
        assert errors == []
    index.refresh_from_db()
    assert CommunityStoryPage.objects.child_of(index).count() == RACE_ROUNDS * 3
    assert index.numchild == RACE_ROUNDS * 3
    assert_page_tree_sound()

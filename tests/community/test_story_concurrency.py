"""Two promotions of one idea at once leave one story page; two of different ideas leave two.

PostgreSQL only: the idea's row lock makes promotions of one idea take turns, the index's row
lock orders the page-tree writes of promotions of different ideas.
"""

import pytest

from community.models import CommunityStoryPage
from tests.community.stories import idea_with_replies, promote
from tests.concurrency import postgresql_only, run_together
from tests.factories import create_stories_index, create_user

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    postgresql_only,
]

ROUNDS = 4


def promote_call(topic, user, replies, made):
    """A promotion that notes the page it returns in `made`."""
    return lambda: made.append(promote(topic, user, replies=replies).pk)


def test_concurrent_promotions_of_one_idea_leave_one_draft():
    create_stories_index()
    moderator, editor = create_user("moderator"), create_user("editor")
    for _round in range(ROUNDS):
        topic, (reply,) = idea_with_replies()
        made = []
        errors = run_together(
            [
                promote_call(topic, moderator, [reply], made),
                promote_call(topic, editor, [], made),
            ]
        )
        assert errors == []
        assert len(made) == 2 and made[0] == made[1]
        assert CommunityStoryPage.objects.filter(source_idea_id=topic.pk).count() == 1


def test_concurrent_promotions_of_different_ideas_both_land():
    index = create_stories_index()
    editor = create_user("editor")
    for _round in range(ROUNDS):
        topics = [idea_with_replies()[0] for _idea in range(3)]
        errors = run_together([lambda topic=topic: promote(topic, editor) for topic in topics])
        assert errors == []
    index.refresh_from_db()
    assert CommunityStoryPage.objects.child_of(index).count() == ROUNDS * 3
    assert index.numchild == ROUNDS * 3

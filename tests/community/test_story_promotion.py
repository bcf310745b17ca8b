"""Promoting an idea to a draft story: who may, what the draft holds, and what is refused."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.log_actions import registry as log_registry
from wagtail.models import PageLogEntry

from community.actions import ActionRefused
from community.models import CommunityStoryPage, Idea, ModerationSettings
from tests.community.stories import idea_with_replies, promote
from tests.factories import (
    create_profile,
    create_reply,
    create_stories_index,
    create_topic,
    create_user,
    set_idea_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return create_stories_index()


def test_a_promotion_makes_a_draft_story_with_the_idea_quotes_credits_and_votes(index, editor):
    topic, (reply, other) = idea_with_replies(replies=2)
    Idea.objects.create(topic=topic, votes_count=7)

    story = promote(topic, editor, replies=[reply])

    story = CommunityStoryPage.objects.get(pk=story.pk)
    assert (story.title, story.live, story.get_parent().pk) == ("A fig soap", False, index.pk)
    assert story.summary == "Our next soap came from you."
    assert (story.votes_at_promotion, story.promoted_by, story.source_idea_id) == (
        7,
        editor,
        topic.pk,
    )
    assert story.promoted_at is not None and story.latest_revision is not None
    assert story.source_topic_url.endswith(f"/topic/{topic.slug}-{topic.pk}/")
    kinds = [block.block_type for block in story.body]
    assert kinds == ["paragraph", "quote", "credits"]
    quote = story.body[1].value
    assert quote["text"] == "Fig and cedar, please."
    assert quote["author_name"] == f"Replier {reply.poster_id}"
    assert quote["post_url"].endswith(f"?post={reply.pk}#{reply.pk}")
    credits = [(c["name"], c["role"]) for c in story.body[2].value["contributors"]]
    assert credits == [
        (f"Idea author {topic.poster_id}", "author"),
        (f"Replier {reply.poster_id}", "replier"),
    ]
    entry = PageLogEntry.objects.get(page=story, action="community.idea.promote")
    assert entry.user == editor and entry.data["quoted_posts"] == [reply.pk]
    assert log_registry.get_action_label("community.idea.promote")


def test_promoting_the_same_idea_twice_returns_the_same_draft(index, moderator, editor):
    topic, (reply,) = idea_with_replies()
    first = promote(topic, moderator, replies=[reply])
    again = promote(topic, editor, replies=[])
    assert again.pk == first.pk
    assert CommunityStoryPage.objects.count() == 1


def test_quotes_and_credits_are_plain_text_named_by_credit_choice(index, editor):
    topic, _posts = idea_with_replies(replies=0)
    named = create_user()
    create_profile(named, credit_preference="display_name", display_name="Ana Lima")
    anonymous = create_user()
    create_profile(anonymous, credit_preference="anonymous")
    hostile = create_reply(
        topic, poster=named, content='<script>alert("x")</script> **bold** [link](http://evil.test)'
    )
    silent = create_reply(topic, poster=anonymous, content="<img src=x onerror=alert(1)> Cedar")

    story = promote(topic, editor, replies=[hostile, silent])

    # The forum shows typed markup as text; the quote keeps that text, and markdown is dropped.
    quotes = [block.value for block in story.body if block.block_type == "quote"]
    assert quotes[0]["text"] == '<script>alert("x")</script> bold link'
    assert quotes[1]["text"] == "<img src=x onerror=alert(1)> Cedar"
    assert [quote["author_name"] for quote in quotes] == ["Ana Lima", "Anonymous contributor"]
    credits = next(block.value for block in story.body if block.block_type == "credits")
    assert [c["name"] for c in credits["contributors"]][1:] == ["Ana Lima", "Anonymous contributor"]


def test_only_approved_replies_of_the_idea_can_be_quoted(index, editor):
    topic, (reply,) = idea_with_replies()
    held = create_reply(topic, approved=False)
    elsewhere = create_reply(create_topic())
    for wrong in (held, elsewhere, topic.first_post):
        with pytest.raises(ActionRefused, match="Only approved replies"):
            promote(topic, editor, replies=[reply, wrong])
    assert not CommunityStoryPage.objects.exists()


def test_unapproved_and_merged_ideas_are_refused(index, editor):
    held, _posts = idea_with_replies(approved=False)
    with pytest.raises(ActionRefused, match="waiting for approval"):
        promote(held, editor)
    source, _posts = idea_with_replies()
    target = create_topic(forum=source.forum)
    Idea.objects.create(topic=source, merged_into=Idea.objects.create(topic=target))
    with pytest.raises(ActionRefused, match="merged"):
        promote(source, editor)
    assert not CommunityStoryPage.objects.exists()


def test_without_a_stories_index_the_promotion_says_what_to_do(editor):
    topic, _posts = idea_with_replies()
    with pytest.raises(ActionRefused, match="No stories index"):
        promote(topic, editor)


def test_the_stories_index_chosen_in_settings_wins(editor):
    create_stories_index()
    chosen = create_stories_index()
    settings = ModerationSettings.load()
    settings.stories_index = chosen
    settings.save()
    topic, _posts = idea_with_replies()
    assert promote(topic, editor).get_parent().pk == chosen.pk


@pytest.mark.parametrize("role", ["consumer", "author"])
def test_consumers_and_authors_may_not_promote(index, role):
    topic, _posts = idea_with_replies()
    user = topic.poster if role == "author" else create_user()
    with pytest.raises(ActionRefused):
        promote(topic, user)


def test_anonymous_visitors_may_not_promote(index, anonymous):
    topic, _posts = idea_with_replies()
    with pytest.raises(PermissionDenied):
        promote(topic, anonymous)


def test_the_idea_status_is_untouched_by_a_draft(index, editor):
    topic, _posts = idea_with_replies()
    set_idea_status(topic, "planned")
    promote(topic, editor)
    assert Idea.objects.get(pk=topic.pk).status.slug == "planned"

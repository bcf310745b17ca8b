import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_member.models import ForumProfile

from community.models import CommunityStoryPage, Idea, IdeaVote

TINY = {
    "campaigns": 1,
    "forums": 3,
    "topics": 5,
    "posts_per_topic": 2,
    "users": 6,
    "votes": 9,
}


@pytest.fixture(autouse=True)
def _bench_allowed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.BENCH_DATA_ALLOWED = True


def generate(**options):
    call_command("generate_bench_data", verbosity=0, **{**TINY, **options})


def counts():
    return {
        "users": get_user_model().objects.filter(username__startswith="bench-").count(),
        "forums": Forum.objects.filter(type=Forum.FORUM_POST).count(),
        "topics": Topic.objects.count(),
        "posts": Post.objects.count(),
        "votes": IdeaVote.objects.count(),
        "live stories": CommunityStoryPage.objects.live().count(),
    }


def tracker_fields(instance, names):
    instance.refresh_from_db()
    return {name: getattr(instance, name) for name in names}


def assert_machina_counters_are_right():
    """What machina's own update_trackers() computes, one object at a time, is what is stored."""
    topic_fields = ("posts_count", "first_post_id", "last_post_id", "last_post_on")
    for topic in Topic.objects.all():
        stored = tracker_fields(topic, topic_fields)
        topic.update_trackers()
        assert tracker_fields(topic, topic_fields) == stored, topic.subject
    forum_fields = ("direct_topics_count", "direct_posts_count", "last_post_id", "last_post_on")
    for forum in Forum.objects.all():
        stored = tracker_fields(forum, forum_fields)
        forum.update_trackers()
        assert tracker_fields(forum, forum_fields) == stored, forum.name
    for profile in ForumProfile.objects.all():
        assert profile.posts_count == Post.objects.filter(poster=profile.user).count()
    for idea in Idea.objects.all():
        assert idea.votes_count == idea.votes.count()


@pytest.mark.django_db
def test_it_builds_the_sizes_asked_with_machina_counters_right(client, tmp_path):
    manifest = tmp_path / "bench.json"
    generate(manifest=str(manifest))
    assert counts() == {
        "users": 7,  # and the moderator who promoted the story
        "forums": 3,
        # The 1000-post topic, the 10-post topic, and three of two posts each.
        "topics": 5,
        "posts": 1000 + 10 + 3 * 2,
        "votes": 9,
        "live stories": 1,
    }
    assert_machina_counters_are_right()
    paths = json.loads(manifest.read_text())["paths"]
    for name, path in paths.items():
        response = client.get(path, follow=True)
        assert response.status_code == 200, name
    assert b"bench-forum-1" in client.get("/forum/").content


@pytest.mark.django_db
def test_it_refuses_to_run_twice_unless_told_to_reset():
    generate()
    first = counts()
    with pytest.raises(CommandError, match="--reset"):
        generate()
    generate(reset=True)
    assert counts() == first
    assert_machina_counters_are_right()


@pytest.mark.django_db
def test_growing_the_forums_adds_forums_with_a_topic_each():
    generate()
    call_command("generate_bench_data", grow_forums_to=6, posts_per_topic=2, verbosity=0)
    assert counts()["forums"] == 6
    assert counts()["topics"] == 5 + 3
    assert_machina_counters_are_right()


@pytest.mark.django_db
def test_it_refuses_without_debug_or_the_bench_settings(settings):
    settings.BENCH_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="known password"):
        generate()
    assert counts()["users"] == 0

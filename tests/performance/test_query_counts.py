"""Every public listing and detail page costs the same number of queries at two data sizes.

Each test builds a small and a large case and asserts the same named constant for both, so a
query added per forum, topic, post or idea fails here. Counts are of a second, warm GET (the
first one fills Wagtail's site root paths and creates image renditions), on the default SQLite
database; PostgreSQL gives the same numbers. The layout's site, settings and section links come
from the cache on a warm GET (brandsite.core.site_furniture): no page counts them, and a content
change costs SITE_FURNITURE_QUERIES once. The insights pages' counts are asserted equal at two
sizes in tests/community/test_insights_admin.py and test_insights_dashboard.py.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_tracking.models import ForumReadTrack, TopicReadTrack

from brandsite.core.page_cache import invalidate_anonymous_pages
from community.actions import do_vote_for_idea
from tests import factories
from tests.community.moderating import QUEUE, held_post
from tests.community.stories import idea_with_replies, promote
from tests.community.test_campaign_page_queries import build_campaign
from tests.community.test_profiles import profile_with_ideas

# The anonymous page cache is off: a hit costs no query, a rendering is what these count.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def warm_get(client, url):
    """The response to a second GET of `url`, and the queries it made."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), queries


def assert_queries(queries, expected):
    sql = "\n".join(f"{n}. {query['sql'][:160]}" for n, query in enumerate(queries, 1))
    assert len(queries) == expected, f"{len(queries)} queries, not {expected}:\n{sql}"


def signed_in(client, role="consumer"):
    user = factories.create_user(role)
    factories.create_profile(user)
    client.force_login(user)
    return user


#: After a content change, the first page reads the site, its four settings, the section links
#: and their view restrictions, then keeps them until the next change.
SITE_FURNITURE_QUERIES = 7

# Home page.

#: Routing, the open campaigns, the latest posts with their tags, authors and covers. Before: 13,
#: with the site, its brand settings, the section links and their view restrictions.
HOME_QUERIES = 9
#: A signed-in visitor adds their session and user, and the header's unread notifications.
HOME_SIGNED_IN_QUERIES = 14


@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize("visitor", ["anonymous", "consumer"])
def test_home(client, size, visitor):
    index = factories.create_campaign_index()
    blog = factories.create_blog_index()
    for number in range(size):
        factories.create_campaign(parent=index, title=f"Campaign {number}")
        factories.create_blog_post(index=blog, title=f"Post {number}", tags=[f"tag{number}"])
    expected = HOME_QUERIES
    if visitor != "anonymous":
        signed_in(client)
        expected = HOME_SIGNED_IN_QUERIES

    html, queries = warm_get(client, "/")

    # The home page shows the first three of each.
    assert html.count("Campaign ") == html.count("Post ") == min(size, 3)
    assert_queries(queries, expected)


# Campaign page.

#: The campaign page's own breakdown is in tests/community/test_campaign_page_queries.py; here
#: with a warm cache: Wagtail's routing, the votes, variant images and renditions, the forum, the
#: idea call's topics. Before: 17, with the layout.
CAMPAIGN_QUERIES = 13
#: A signed-in voter adds their session, user, permissions, own votes and tester applications.
CAMPAIGN_SIGNED_IN_QUERIES = 20

CAMPAIGN_SIZES = {"small": (2, 3, 1), "large": (8, 40, 20)}


@pytest.mark.parametrize("size", ["small", "large"])
@pytest.mark.parametrize("visitor", ["anonymous", "consumer"])
def test_campaign(client, size, visitor):
    variants, votes, topics = CAMPAIGN_SIZES[size]
    expected = CAMPAIGN_QUERIES
    voter = factories.create_user()
    if visitor != "anonymous":
        voter = signed_in(client)
        expected = CAMPAIGN_SIGNED_IN_QUERIES
    campaign = build_campaign(variants, votes, topics, voter=voter)

    html, queries = warm_get(client, campaign.url)

    assert html.count('class="variant-image"') == variants
    assert_queries(queries, expected)


# Blog post.

#: Routing, the tags, the authors with their portraits and renditions, the blog index, the cover
#: and its renditions. Before: 17, with the layout.
BLOG_POST_QUERIES = 13


@pytest.mark.parametrize("size", [1, 6])
def test_blog_post(client, size):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    def image(number):
        return get_image_model().objects.create(
            title=f"Image {number}", file=get_test_image_file(size=(320, 240))
        )

    authors = [factories.create_author(image=image(number)) for number in range(size)]
    post = factories.create_blog_post(
        tags=[f"tag {number}" for number in range(size)],
        authors=authors,
        cover_image=image("cover"),
        cover_image_alt="A cover",
    )

    html, queries = warm_get(client, post.url)

    assert all(author.name in html for author in authors)
    assert_queries(queries, BLOG_POST_QUERIES)


# Community story.

#: Routing, the story's idea, its quoted replies and credited contributors with their profiles.
#: Before: 15, with the layout.
STORY_QUERIES = 11


@pytest.mark.parametrize("size", [1, 8])
def test_story(client, size):
    factories.create_stories_index()
    editor = factories.create_user("editor")
    topic, replies = idea_with_replies(replies=size, subject="A fig soap")
    story = promote(topic, editor, replies=replies)
    story.save_revision(user=editor).publish(user=editor)
    story.refresh_from_db()

    html, queries = warm_get(client, story.url)

    assert html.count('class="story-quote"') == size
    assert_queries(queries, STORY_QUERIES)


# Forum index.

#: A visitor's index is kept whole until the content changes (forum_lists.forum_index): no query.
#: Before: 20 at 5 forums, 110 at 50 (two more per forum); 11 before the permissions were cached,
#: 6 before the layout was, 2 before the index was kept.
FORUM_INDEX_QUERIES = 0
#: A signed-in reader's unread markers need the forums: the session, the user, the header's unread
#: count, their Django permissions (2, the moderation link), the granted forums (machina's filter,
#: worked out once and cached: tests/forum/test_permission_cache.py), the listed forums with their
#: last posts and posters and their forum read marks (one query for every unread marker). Before:
#: 32 at 5 forums, 156 at 50; 18 before the permissions were cached, 12 before the layout was.
FORUM_INDEX_SIGNED_IN_QUERIES = 8
#: After a content change: a visitor's index reads the granted forums and the listed forums with
#: their last posts and posters again.
FORUM_TREE_QUERIES = 2
#: The last posts' topics and their posters' profiles are read only when the list is rendered,
#: after a content change.
FORUM_LIST_RENDERING_QUERIES = 2


def build_forums(size, reader=None):
    """`size` forums, half in one category, each with an idea and a credited reply; `reader`
    has read every other forum, some before its last reply."""
    category = Forum.objects.create(name="Ideas", type=Forum.FORUM_CAT)
    for number in range(size):
        forum = factories.create_forum(parent=category if number % 2 else None)
        poster = factories.create_user()
        factories.create_profile(poster)
        topic = factories.create_topic(forum=forum, poster=poster)
        factories.create_reply(topic, poster)
        if reader is not None and number % 2:
            track = ForumReadTrack.objects.create(forum=forum, user=reader)
            if number % 4 == 1:
                ForumReadTrack.objects.filter(pk=track.pk).update(
                    mark_time=timezone.now() - timedelta(days=1)
                )


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize("visitor", ["anonymous", "consumer"])
def test_forum_index(client, size, visitor):
    reader = None
    expected = FORUM_INDEX_QUERIES
    expected_rendering = FORUM_TREE_QUERIES
    if visitor != "anonymous":
        reader = signed_in(client)
        expected = expected_rendering = FORUM_INDEX_SIGNED_IN_QUERIES
    build_forums(size, reader)

    html, queries = warm_get(client, "/forum/")
    # Content changed (a post anywhere): the forum list is rendered again.
    invalidate_anonymous_pages()
    with CaptureQueriesContext(connection) as rendering_queries:
        rendered = client.get("/forum/").content.decode()

    assert (
        html.count('class="forum-name-link"') == rendered.count('class="forum-name-link"') == size
    )
    assert_queries(
        rendering_queries,
        expected_rendering + FORUM_LIST_RENDERING_QUERIES + SITE_FURNITURE_QUERIES,
    )
    # The second GET reused the list (a visitor's: the whole index) its first GET rendered.
    assert_queries(queries, expected)


# Forum page (its topic list).

#: The forum, the visitor's grants, the topics' count and page (votes, status, posters' and last
#: posters' profiles joined in), the announces, the statuses of the filter links, the
#: campaign banner, the forum's ancestors (read once for the JSON-LD trail and the breadcrumb). A
#: forum without sub-forums no longer reads every forum's grants to list none. Before: 17; 13 with
#: the layout, 9 with the ancestors read twice.
FORUM_PAGE_QUERIES = 8
#: A signed-in reader adds the session, the user, their group grants, the read marks of the
#: listed topics and of the forum (one query each), the unread count, their Django permissions
#: (2) and the follow button. Before: 28.
FORUM_PAGE_SIGNED_IN_QUERIES = 17


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("visitor", ["anonymous", "consumer"])
def test_forum_page(client, size, visitor):
    forum = factories.create_campaign().forum
    reader = None
    expected = FORUM_PAGE_QUERIES
    if visitor != "anonymous":
        reader = signed_in(client)
        expected = FORUM_PAGE_SIGNED_IN_QUERIES
    for number in range(size):
        poster = factories.create_user()
        factories.create_profile(poster)
        topic = factories.create_topic(forum=forum, poster=poster)
        factories.create_reply(topic, poster)
        do_vote_for_idea(topic, acting_user=poster)
        if reader is not None and number % 2:
            TopicReadTrack.objects.create(topic=topic, user=reader)
    url = f"/forum/forum/{forum.slug}-{forum.pk}/?sort=votes"

    html, queries = warm_get(client, url)

    assert html.count('class="topic-name-link"') == min(size, 20)
    assert_queries(queries, expected)


# Topic page.

#: The topic with its forum, first post, poll, idea and status (one join read by every idea tag),
#: the visitor's grants, the posts' count, the views counter, the forum's ancestors (read once for
#: the JSON-LD trail and the breadcrumb), the campaign banner, the idea's merges, status history and
#: story, the page of posts with their posters' profiles, their attachments and forum profiles,
#: the search-engine gate of the robots meta tag. Before: 22; 19 with the layout and the
#: search-engine settings, 14 with the ancestors read twice.
TOPIC_PAGE_QUERIES = 13
#: A signed-in reader adds the session, the user, their group grants, one read-mark check (a
#: reader with nothing new to read writes no mark), the unread count, their Django permissions
#: (2), their vote, the follow button and the posts they reported. Before: 40 (machina's read
#: tracking, the moderation link's grants for every forum, the idea read once per tag).
TOPIC_PAGE_SIGNED_IN_QUERIES = 23


def topic_with_posts(size):
    """A campaign idea with `size` posts by ten credited contributors, created in bulk, beside
    another idea (the reader has not read the whole forum)."""
    posters = [factories.create_user() for _ in range(10)]
    for poster in posters:
        factories.create_profile(poster)
    forum = factories.create_campaign().forum
    factories.create_topic(forum=forum, poster=posters[1])
    topic = factories.create_topic(forum=forum, poster=posters[0])
    start = timezone.now() - timedelta(days=1)
    Post.objects.bulk_create(
        Post(
            topic=topic,
            poster=posters[number % 10],
            subject=f"Re: {topic.subject}",
            content=f"Reply {number}",
            created=start + timedelta(seconds=number),
        )
        for number in range(1, size)
    )
    topic.update_trackers()
    factories.set_idea_status(topic, "planned", reason="On our list.")
    return Topic.objects.get(pk=topic.pk)


@pytest.mark.parametrize("size", [10, 1000])
@pytest.mark.parametrize("visitor", ["anonymous", "consumer"])
def test_topic_page(client, size, visitor):
    topic = topic_with_posts(size)
    expected = TOPIC_PAGE_QUERIES
    if visitor != "anonymous":
        signed_in(client)
        expected = TOPIC_PAGE_SIGNED_IN_QUERIES
    forum = topic.forum
    url = f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"

    html, queries = warm_get(client, url)

    assert html.count('class="my-3 card post"') == min(size, 15)
    assert_queries(queries, expected)


# Contributor profile.

#: The person with their profile, the readable forums, the default status, the ideas with their
#: statuses, their count, the statuses reached, the badges, the credits. Before: 15, with the
#: layout.
PROFILE_QUERIES = 11
#: A signed-in visitor adds their session, user, permissions and the header's unread count.
PROFILE_SIGNED_IN_QUERIES = 16


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("visitor", ["anonymous", "consumer"])
def test_profile(client, size, visitor, django_capture_on_commit_callbacks):
    person = profile_with_ideas(size, django_capture_on_commit_callbacks)
    expected = PROFILE_QUERIES
    if visitor != "anonymous":
        signed_in(client)
        expected = PROFILE_SIGNED_IN_QUERIES

    html, queries = warm_get(client, f"/community/people/{person.pk}/")

    assert html.count("Launched") >= size // 2
    assert_queries(queries, expected)


# Moderation queue (Wagtail admin).

#: The breakdown is beside QUEUE_PAGE_QUERIES in tests/community/test_moderation_queue.py.
MODERATION_QUEUE_QUERIES = 14


@pytest.mark.parametrize("size", [3, 30])
def test_moderation_queue(client, size):
    campaign = factories.create_campaign()
    for number in range(size):
        held_post(forum=campaign.forum if number % 2 else None, content=f"Case {number}.")
    signed_in(client, "moderator")

    html, queries = warm_get(client, QUEUE)

    assert html.count('data-object-id="') == size
    assert_queries(queries, MODERATION_QUEUE_QUERIES)

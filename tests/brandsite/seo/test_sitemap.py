"""sitemap.xml: valid against the sitemaps.org schema, listing public pages and good threads."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree
from machina.apps.forum_conversation.models import Topic
from wagtail.models import PageViewRestriction

from brandsite.seo.models import SearchEngineSettings
from community.models import Idea
from community.notifications import topic_path
from tests.community.test_profiles import hide_from_anonymous
from tests.factories import (
    create_blog_index,
    create_blog_post,
    create_forum,
    create_profile,
    create_reply,
    create_topic,
    create_user,
)

from .sitemaps import entries, parse_sitemap, sitemap_schema

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def get_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return entries(parse_sitemap(response.content))


def topic_with(replies=0, votes=0, forum=None, **attrs):
    topic = create_topic(forum=forum, **attrs)
    for _ in range(replies):
        create_reply(topic)
    Idea.objects.update_or_create(topic=topic, defaults={"votes_count": votes})
    topic.refresh_from_db()
    return topic


def url_of(topic, language=""):
    return f"{BASE}{language}{topic_path(topic)}"


def test_the_schema_rejects_what_is_not_a_sitemap():
    # The validation below proves something only if the schema does refuse bad documents.
    schema = sitemap_schema()
    namespace = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    assert not schema.validate(etree.fromstring(f"<urlset {namespace}><url/></urlset>"))
    assert not schema.validate(
        etree.fromstring(
            f"<urlset {namespace}><url><loc>https://brand.example/</loc>"
            "<lastmod>yesterday</lastmod></url></urlset>"
        )
    )
    assert schema.validate(
        etree.fromstring(
            f"<urlset {namespace}><url><loc>https://brand.example/</loc></url></urlset>"
        )
    )


def test_threads_above_the_gate_are_listed_and_the_others_are_not(client):
    forum = create_forum()
    discussed = topic_with(replies=2, forum=forum, subject="Discussed")
    voted = topic_with(votes=3, forum=forum, subject="Voted")
    quiet = topic_with(replies=1, votes=2, forum=forum, subject="Below the gate")
    pending = topic_with(replies=3, votes=5, forum=forum, approved=False, subject="Pending")
    locked = topic_with(replies=3, votes=5, forum=forum, status=Topic.TOPIC_LOCKED)
    private = topic_with(replies=3, votes=5, forum=hide_from_anonymous_forum())
    hidden = topic_with(replies=3, votes=5, forum=forum, subject="Hidden after reports")
    # Reports hide a post as moderation does: machina unapproves the topic with its first post.
    hidden.first_post.approved = False
    hidden.first_post.save()
    # Held or hidden replies do not count: one approved reply is below the gate.
    half_held = topic_with(replies=1, forum=forum, subject="One reply held")
    create_reply(half_held, approved=False)

    listed = get_sitemap(client)

    assert url_of(discussed) in listed
    assert url_of(voted) in listed
    for topic in (quiet, pending, locked, private, hidden, half_held):
        assert url_of(topic) not in listed, topic.subject


def test_thresholds_come_from_the_search_engine_settings(client):
    one_reply = topic_with(replies=1)
    one_vote = topic_with(votes=1)
    assert url_of(one_reply) not in get_sitemap(client)

    settings = SearchEngineSettings.load()
    settings.min_replies, settings.min_votes = 1, 1
    settings.save()

    listed = get_sitemap(client)
    assert url_of(one_reply) in listed
    assert url_of(one_vote) in listed


def test_a_thread_is_listed_in_both_languages_with_its_latest_post_date(client):
    topic = topic_with(replies=2)
    last_post_on = timezone.make_aware(datetime.datetime(2031, 5, 17, 10, 0))
    Topic.objects.filter(pk=topic.pk).update(last_post_on=last_post_on)

    listed = get_sitemap(client)

    english, french = url_of(topic), url_of(topic, "/fr")
    expected_alternates = {"en": english, "fr": french, "x-default": english}
    for location in (english, french):
        assert listed[location]["lastmod"] == "2031-05-17"
        assert listed[location]["alternates"] == expected_alternates


def test_live_public_pages_are_listed_with_their_publication_date(client):
    blog = create_blog_index(title="News")
    post = create_blog_post(index=blog, title="Our new scent")
    post.save_revision().publish()
    draft = create_blog_post(index=blog, title="Draft")
    draft.unpublish()
    private = create_blog_post(index=blog, title="Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    listed = get_sitemap(client)

    post.refresh_from_db()
    english = f"{BASE}{post.url}"
    assert listed[english]["lastmod"] == post.last_published_at.date().isoformat()
    assert listed[english]["alternates"]["fr"] == f"{BASE}/fr{post.url}"
    assert f"{BASE}/fr{post.url}" in listed
    assert f"{BASE}{draft.url}" not in listed
    assert f"{BASE}{private.url}" not in listed


def test_profiles_are_listed_only_when_their_owner_opted_in(client):
    listed_person = create_profile(listed_by_search_engines=True).user
    unlisted_person = create_profile().user

    listed = get_sitemap(client)

    assert f"{BASE}/community/people/{listed_person.pk}/" in listed
    assert f"{BASE}/community/people/{unlisted_person.pk}/" not in listed


def test_a_forum_made_private_leaves_the_sitemap_at_once(client):
    topic = topic_with(replies=2)
    assert url_of(topic) in get_sitemap(client)  # the public forums are now cached
    hide_from_anonymous(topic.forum)
    assert url_of(topic) not in get_sitemap(client)


def hide_from_anonymous_forum():
    forum = create_forum()
    hide_from_anonymous(forum)
    return forum


def count_sitemap_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    return len(queries)


def test_the_sitemap_query_count_does_not_grow_with_threads_or_pages(client):
    poster = create_user()
    forum = create_forum()
    blog = create_blog_index()

    def add_content(count):
        for _ in range(count):
            topic_with(replies=2, forum=forum, poster=poster)
            create_blog_post(index=blog)

    add_content(2)
    count_sitemap_queries(client)  # fills the caches of site root paths and content types
    small = count_sitemap_queries(client)
    add_content(8)
    # New content: the first request reads the site and its settings again (site_furniture).
    count_sitemap_queries(client)
    large = count_sitemap_queries(client)

    assert len(get_sitemap(client)) >= 2 * (10 + 10)
    # View restrictions, pages and one per page type; settings; threads; profiles (the site and
    # the public forums are cached): none per page nor per thread.
    assert small == large == 8

"""The public contributor profile: only what anonymous visitors may already read."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from machina.apps.forum_permission.models import ForumPermission, UserForumPermission

from community.actions import do_award_badge
from tests.factories import create_forum, create_profile, create_topic, create_user, set_idea_status


def profile_url(user):
    return f"/community/people/{user.pk}/"


def hide_from_anonymous(forum):
    UserForumPermission.objects.create(
        forum=forum,
        anonymous_user=True,
        permission=ForumPermission.objects.get(codename="can_read_forum"),
        has_perm=False,
    )


@pytest.fixture
def person(db):
    user = create_user(username="camille.dupont", email="camille.dupont@example.com")
    create_profile(user, pseudonym="Fig & Moss", display_name="Camille Dupont")
    return user


def test_the_profile_shows_public_ideas_with_statuses_badges_and_no_private_data(
    client, person, django_capture_on_commit_callbacks
):
    forum = create_forum()
    planned = create_topic(forum=forum, poster=person, subject="Refill pouches")
    with django_capture_on_commit_callbacks(execute=True):
        set_idea_status(planned, "planned")
    create_topic(forum=forum, poster=person, subject="Waiting idea", approved=False)
    private = create_forum()
    hide_from_anonymous(private)
    create_topic(forum=private, poster=person, subject="Staff-only idea")
    response = client.get(profile_url(person))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Fig &amp; Moss</h1>" in html
    assert "Refill pouches" in html
    assert "Planned" in html
    assert "Waiting idea" not in html
    assert "Staff-only idea" not in html
    assert "Idea planned" in html and "First idea" in html
    assert "No story credits this contributor yet." in html
    assert '<meta name="robots" content="noindex">' in html
    # Neither the e-mail address, nor the username made of it, nor the unchosen display name.
    assert "camille" not in html.lower()
    assert "@example.com" not in html


def test_an_anonymous_credit_choice_shows_no_name_nor_avatar(client, db):
    user = create_user()
    create_profile(user, credit_preference="anonymous", pseudonym="Hidden", display_name="Hidden")
    create_topic(poster=user, subject="An idea")
    html = client.get(profile_url(user)).content.decode()
    assert "Hidden" not in html
    assert user.username not in html
    assert "A contributor who prefers not to be named" in html
    assert "An idea" in html


def test_the_profile_sets_no_cookie_for_anonymous_visitors(client, person):
    response = client.get(profile_url(person))
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert Session.objects.count() == 0


def test_unknown_and_inactive_people_have_no_profile(client, db):
    assert client.get("/community/people/999999/").status_code == 404
    inactive = create_user(is_active=False)
    assert client.get(profile_url(inactive)).status_code == 404


def test_credits_on_promoted_stories_are_listed(client, person):
    from wagtail.models import Page

    from community import signals
    from community.models import Idea

    topic = create_topic(poster=person)
    story = Page.objects.get(depth=2)
    signals.idea_promoted.send(
        sender=None, idea=Idea.objects.create(topic=topic), story=story, acting_user=None
    )
    html = client.get(profile_url(person)).content.decode()
    assert f'<a href="{story.url}">{story.title}</a>' in html


def test_xss_in_names_is_escaped_on_profile_and_topic_pages(client, db):
    payload = '<script>alert("x")</script>'
    user = create_user()
    create_profile(user, pseudonym=payload)
    topic = create_topic(poster=user)
    forum = topic.forum
    for url in (
        profile_url(user),
        f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/",
        f"/forum/forum/{forum.slug}-{forum.pk}/",
    ):
        html = client.get(url).content.decode()
        assert payload not in html, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, url


def profile_with_ideas(size, capture_on_commit):
    user = create_user()
    create_profile(user)
    moderator = create_user("moderator")
    forum = create_forum()
    for number in range(size):
        topic = create_topic(forum=forum, poster=user)
        with capture_on_commit(execute=True):
            set_idea_status(topic, "planned" if number % 2 else "launched", acting_user=moderator)
    do_award_badge(user, "product_tester")
    return user


# 15 at both sizes when written: the person with their profile and avatar (one join), the
# anonymous visitor's readable forums (4, machina's grants), the default status, the ideas with
# their statuses (one join), their count, the statuses reached (one aggregate), the badges, the
# credits, then the header's site, brand settings and section pages (4). None is per idea.
PROFILE_MAX_QUERIES = 15


def test_profile_query_count_does_not_grow_with_ideas(
    client, db, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    counts = {}
    for size in (3, 30):
        user = profile_with_ideas(size, django_capture_on_commit_callbacks)
        assert client.get(profile_url(user)).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            html = client.get(profile_url(user)).content.decode()
        counts[size] = len(queries)
        assert html.count("Launched") >= size // 2
        assert "Product tester" in html and "Idea launched" in html
    assert counts[3] == counts[30], counts
    with django_assert_max_num_queries(PROFILE_MAX_QUERIES):
        client.get(profile_url(user))

"""Idea statuses on forum pages: each topic's status beside its title, and the `?status=` filter."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.actions import do_vote_for_idea
from tests.factories import (
    create_campaign,
    create_forum,
    create_topic,
    create_user,
    set_idea_status,
)

pytestmark = pytest.mark.django_db


def forum_url(forum):
    return f"/forum/forum/{forum.slug}-{forum.pk}/"


def topic_url(topic):
    return f"{forum_url(topic.forum)}topic/{topic.slug}-{topic.pk}/"


def listed(html, subjects):
    """The subjects the page lists, in its order."""
    return sorted((subject for subject in subjects if subject in html), key=html.index)


SUBJECTS = ["Oat soap", "Fig soap", "Cedar soap", "Rose soap"]


@pytest.fixture
def status_forum():
    """Oat soap planned (1 vote), Fig soap planned (3 votes), Cedar soap declined, Rose soap new."""
    forum = create_campaign().forum
    moderator = create_user("moderator")
    for subject, slug, votes in (
        ("Oat soap", "planned", 1),
        ("Fig soap", "planned", 3),
        ("Cedar soap", "declined", 0),
        ("Rose soap", None, 0),
    ):
        topic = create_topic(forum=forum, subject=subject)
        if slug:
            set_idea_status(
                topic, slug, reason="Too costly." * bool(slug == "declined"), acting_user=moderator
            )
        for _ in range(votes):
            do_vote_for_idea(topic, acting_user=create_user())
    return forum


def test_topic_list_shows_each_status_next_to_the_title(client, status_forum):
    html = client.get(forum_url(status_forum)).content.decode()
    for subject, name in (
        ("Fig soap", "Planned"),
        ("Cedar soap", "Declined"),
        ("Rose soap", "New"),
    ):
        row = html.split(f">{subject}</a>")[1].split("</td>")[0]
        assert f"</svg>{name}</span>" in row, subject


def test_topic_list_filters_by_status(client, status_forum):
    html = client.get(forum_url(status_forum) + "?status=planned").content.decode()
    assert set(listed(html, SUBJECTS)) == {"Oat soap", "Fig soap"}
    assert 'href="?status=planned" class="topic-status-filter ml-2" aria-current="true"' in html
    # The sort links keep the filter.
    assert 'href="?sort=votes&amp;status=planned"' in html


def test_the_default_status_filter_lists_ideas_never_reviewed(client, status_forum):
    html = client.get(forum_url(status_forum) + "?status=new").content.decode()
    assert listed(html, SUBJECTS) == ["Rose soap"]


@pytest.mark.parametrize("query", ["?status=nonsense", "?status=", "?status=%3Cscript%3E"])
def test_an_unknown_status_filters_nothing(client, status_forum, query):
    response = client.get(forum_url(status_forum) + query)
    assert response.status_code == 200
    assert set(listed(response.content.decode(), SUBJECTS)) == set(SUBJECTS)


def test_status_filter_combines_with_the_sort(client, status_forum):
    html = client.get(forum_url(status_forum) + "?status=planned&sort=votes").content.decode()
    assert listed(html, SUBJECTS) == ["Fig soap", "Oat soap"]
    # The status links keep the sort.
    assert 'href="?sort=votes&amp;status=declined"' in html
    assert 'href="?sort=votes" class="topic-status-filter ml-2">All</a>' in html


def queries_of_a_warm_get(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


# The status names and colours come with the topics (joined, the default's by a subquery); the
# filter links add one query for the statuses, a filter one more for its slug: 17 unfiltered and
# 18 filtered at both sizes when written. None of them is per topic.
@pytest.mark.parametrize("query", ["", "?status=planned&sort=votes"])
def test_forum_page_query_count_does_not_grow_with_statuses(
    client, django_assert_max_num_queries, query, uncached_pages
):
    moderator = create_user("moderator")
    counts = {}
    for size in (3, 30):
        forum = create_forum()
        for number in range(size):
            topic = create_topic(forum=forum)
            set_idea_status(topic, "under-review", acting_user=moderator)
            set_idea_status(topic, "planned", acting_user=moderator)
            if number % 2:
                do_vote_for_idea(topic, acting_user=create_user())
        response, counts[size] = queries_of_a_warm_get(client, forum_url(forum) + query)
        assert response.content.decode().count("</svg>Planned</span>") == min(size, 20)
    assert counts[3] == counts[30], counts
    with django_assert_max_num_queries(counts[3]):
        client.get(forum_url(forum) + "?status=under-review")


def test_anonymous_forum_and_topic_pages_with_statuses_set_no_cookie(client, status_forum):
    from machina.apps.forum_conversation.models import Topic

    topic = Topic.objects.get(subject="Cedar soap")
    for url in (
        forum_url(status_forum),
        forum_url(status_forum) + "?status=planned&sort=votes",
        topic_url(topic),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}"
    assert "Too costly." in response.content.decode()
    assert Session.objects.count() == 0


def test_statuses_speak_french_under_fr(client, status_forum):
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        listing = client.get(f"/fr{forum_url(status_forum)}").content.decode()
    assert "Filtrer les sujets par statut" in listing
    assert ">Tous</a>" in listing

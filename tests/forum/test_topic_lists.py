"""Idea votes on machina's pages: the count on the topic page and topic lists, sorted by votes."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from machina.apps.forum_conversation.models import Topic

from community.actions import do_vote_for_idea
from tests.factories import create_campaign, create_forum, create_topic, create_user

pytestmark = pytest.mark.django_db


def forum_url(forum):
    return f"/forum/forum/{forum.slug}-{forum.pk}/"


def topic_url(topic):
    return f"{forum_url(topic.forum)}topic/{topic.slug}-{topic.pk}/"


def give_votes(topic, count):
    for _ in range(count):
        do_vote_for_idea(topic, acting_user=create_user())


def subjects_in_order(html, subjects):
    """The subjects in the order the page shows them."""
    return sorted(subjects, key=html.index)


@pytest.fixture
def voted_forum():
    """A campaign forum with three ideas of 0, 2 and 5 votes, created and last active in turn."""
    forum = create_campaign().forum
    now = timezone.now()
    topics = {}
    for hours_ago, (subject, votes) in zip(
        (3, 2, 1), (("Oat soap", 2), ("Fig soap", 5), ("Cedar soap", 0)), strict=True
    ):
        topic = create_topic(forum=forum, subject=subject)
        Topic.objects.filter(pk=topic.pk).update(
            created=now - timedelta(hours=hours_ago), last_post_on=now - timedelta(hours=hours_ago)
        )
        give_votes(topic, votes)
        topics[subject] = topic
    # The oldest topic had the latest reply: recently active differs from newest.
    Topic.objects.filter(pk=topics["Oat soap"].pk).update(last_post_on=now)
    return forum


SUBJECTS = ["Oat soap", "Fig soap", "Cedar soap"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?sort=votes", ["Fig soap", "Oat soap", "Cedar soap"]),
        ("?sort=newest", ["Cedar soap", "Fig soap", "Oat soap"]),
        ("?sort=active", ["Oat soap", "Cedar soap", "Fig soap"]),
        ("", ["Oat soap", "Cedar soap", "Fig soap"]),
        ("?sort=nonsense", ["Oat soap", "Cedar soap", "Fig soap"]),
        ("?sort=-idea_votes", ["Oat soap", "Cedar soap", "Fig soap"]),
    ],
)
def test_topic_list_sorts_by_votes_newest_or_activity(client, voted_forum, query, expected):
    response = client.get(forum_url(voted_forum) + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert subjects_in_order(html, SUBJECTS) == expected


def test_stickies_stay_first_whatever_the_sort(client, voted_forum):
    sticky = create_topic(forum=voted_forum, subject="House rules")
    long_ago = timezone.now() - timedelta(days=9)
    Topic.objects.filter(pk=sticky.pk).update(
        type=Topic.TOPIC_STICKY, created=long_ago, last_post_on=long_ago
    )
    for sort in ("votes", "newest", "active"):
        html = client.get(f"{forum_url(voted_forum)}?sort={sort}").content.decode()
        assert subjects_in_order(html, ["House rules", *SUBJECTS])[0] == "House rules", sort


def test_topic_list_shows_each_count_and_marks_the_current_sort(client, voted_forum):
    html = client.get(forum_url(voted_forum) + "?sort=votes").content.decode()
    votes_cells = html.split('topic-votes">')[1:]
    assert [cell.split("<")[0] for cell in votes_cells] == ["5", "2", "0"]
    assert (
        '<a href="?sort=votes" class="topic-sort ml-2" aria-current="true">Most voted</a>' in html
    )
    assert '<a href="?sort=newest" class="topic-sort ml-2">Newest</a>' in html


def test_machina_forum_url_name_still_reverses_to_the_sorted_view(voted_forum):
    url = reverse("forum:forum", kwargs={"slug": voted_forum.slug, "pk": voted_forum.pk})
    assert url == forum_url(voted_forum)
    assert reverse(
        "forum_sorted_topics", kwargs={"slug": voted_forum.slug, "pk": voted_forum.pk}
    ) == (url)


def test_topic_page_shows_the_count_and_the_visitor_button(client_as, consumer, client):
    topic = create_topic(forum=create_campaign().forum, subject="Fig soap")
    give_votes(topic, 2)

    anonymous_html = client.get(topic_url(topic)).content.decode()
    assert 'id="idea-votes"' in anonymous_html
    assert "<strong>2</strong> votes" in anonymous_html
    assert f"/accounts/login/?next={topic_url(topic)}%23idea-votes" in anonymous_html
    assert "csrfmiddlewaretoken" not in anonymous_html

    signed_in = client_as(consumer)
    html = signed_in.get(topic_url(topic)).content.decode()
    assert "Vote for this idea" in html
    signed_in.post(f"/community/ideas/{topic.pk}/vote/")
    html = signed_in.get(topic_url(topic)).content.decode()
    assert "<strong>3</strong> votes" in html
    assert "Withdraw my vote" in html
    assert f'action="/community/ideas/{topic.pk}/unvote/"' in html


def test_topic_page_of_a_locked_idea_says_why_votes_are_frozen(client_as, consumer):
    topic = create_topic(subject="Fig soap", status=Topic.TOPIC_LOCKED)
    html = client_as(consumer).get(topic_url(topic)).content.decode()
    assert "<strong>0</strong> votes" in html
    assert "This idea is locked" in html
    assert "Vote for this idea" not in html


def queries_of_a_warm_get(client, url):
    """The queries of a GET once a first GET filled the caches (Site, machina's permissions)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


# An anonymous GET of a forum page: the session-less middleware's forum key, the forum, its
# campaign (banner), machina's permission checks for anonymous users (forum permissions, user
# permissions granted to all), the topics with their votes joined in, their count for the
# pagination, the announces, the sub-forums and their own permission filter, the statuses for the
# filter links, and the layout's brand settings and menu: 17 at both sizes when last measured.
# None of them is per topic.


def test_forum_page_query_count_does_not_grow_with_voted_topics(
    client, django_assert_max_num_queries, uncached_pages
):
    counts = {}
    for size in (3, 30):
        forum = create_forum()
        for _ in range(size):
            give_votes(create_topic(forum=forum), 1)
        response, counts[size] = queries_of_a_warm_get(client, f"{forum_url(forum)}?sort=votes")
        # machina shows 20 topics a page: all 3, or a full page of the 30.
        assert response.content.decode().count('topic-votes">1<') == min(size, 20)
    assert counts[3] == counts[30], counts
    with django_assert_max_num_queries(counts[3]):
        client.get(f"{forum_url(forum)}?sort=newest")


# A consumer's GET of a topic page: machina's own (session user, topic, posts and their
# attachments and profiles, permissions, polls, tracking), plus our vote count, whether the
# consumer voted, the campaign of the forum and the forum-read check for the vote button: 31 at
# both sizes when written.
def test_topic_page_query_count_does_not_grow_with_votes(client_as, consumer):
    topic = create_topic(forum=create_campaign().forum)
    client = client_as(consumer)
    counts = {}
    for total, new_votes in ((1, 1), (20, 19)):
        give_votes(topic, new_votes)
        response, counts[total] = queries_of_a_warm_get(client, topic_url(topic))
        assert f"<strong>{total}</strong>" in response.content.decode()
    assert counts[1] == counts[20], counts


def test_anonymous_forum_and_topic_pages_still_set_no_cookie(client, voted_forum):
    topic = Topic.objects.filter(forum=voted_forum).first()
    for url in (forum_url(voted_forum), forum_url(voted_forum) + "?sort=votes", topic_url(topic)):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}"
    assert Session.objects.count() == 0


def test_votes_speak_french_under_fr(client, voted_forum):
    topic = Topic.objects.get(subject="Fig soap")
    # The requests activate French in this thread: override() puts the language back afterwards.
    with translation.override(settings.LANGUAGE_CODE):
        html = client.get(f"/fr{topic_url(topic)}").content.decode()
        listing = client.get(f"/fr{forum_url(voted_forum)}").content.decode()
    assert "<strong>5</strong> votes" in html
    assert "Connectez-vous pour voter" in html
    assert "Les plus votées" in listing


def test_page_links_keep_the_sort(client, monkeypatch):
    from forum.views import SortedForumView

    monkeypatch.setattr(SortedForumView, "paginate_by", 2)
    forum = create_forum()
    for number in range(3):
        create_topic(forum=forum, subject=f"Idea {number}")
    html = client.get(f"{forum_url(forum)}?sort=votes").content.decode()
    assert 'href="?sort=votes&amp;page=2"' in html

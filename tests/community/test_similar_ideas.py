"""Similar ideas: the search behind duplicate suggestions, and its JSON endpoint for the script."""

import pytest
from django.db import connection
from machina.apps.forum_permission.handler import PermissionHandler

from community.actions import do_vote_for_idea
from community.models import IdeaStatus
from community.similar import significant_words, similar_ideas
from tests.duplicates import make_private
from tests.factories import create_forum, create_topic, create_user, set_idea_status

pytestmark = pytest.mark.django_db

SIMILAR_URL = "/community/ideas/similar/"


def subjects(topics):
    return [topic.subject for topic in topics]


@pytest.fixture
def forum():
    return create_forum(name="Soaps")


@pytest.fixture
def soap_ideas(forum):
    """Three soap ideas (one unrelated), and a soap idea in another forum."""
    return {
        "fig": create_topic(forum=forum, subject="A fig and cedar soap bar"),
        "lavender": create_topic(forum=forum, subject="Lavender soap for sensitive skin"),
        "bottle": create_topic(forum=forum, subject="Refillable glass bottles"),
        "elsewhere": create_topic(forum=create_forum(), subject="Cedar soap in travel size"),
    }


def test_significant_words_drop_short_and_stop_words():
    assert significant_words("The new IDEA: a fig & cedar soap, for the soap lovers") == [
        "fig",
        "cedar",
        "soap",
        "lovers",
    ]
    assert significant_words("a to of") == []


def test_finds_matching_ideas_same_forum_first(consumer, forum, soap_ideas):
    found = subjects(similar_ideas("Cedar soap", user=consumer, forum=forum))
    assert found[-1] == "Cedar soap in travel size"
    assert set(found[:-1]) == {"A fig and cedar soap bar", "Lavender soap for sensitive skin"}
    # The fig idea names both words: it ranks above the lavender one in the same forum.
    assert found[0] == "A fig and cedar soap bar"
    assert "Refillable glass bottles" not in found


def test_without_a_forum_the_best_match_comes_first(consumer, soap_ideas):
    found = subjects(similar_ideas("cedar soap", user=consumer))
    assert found[0] in {"A fig and cedar soap bar", "Cedar soap in travel size"}
    assert len(found) == 3


def test_each_result_carries_its_votes_and_status(consumer, forum, soap_ideas):
    do_vote_for_idea(soap_ideas["fig"], acting_user=create_user())
    set_idea_status(soap_ideas["fig"], "planned")
    [fig] = similar_ideas("fig", user=consumer, forum=forum)
    planned = IdeaStatus.objects.get(slug="planned")
    assert (fig.idea_votes, fig.idea_status_name, fig.idea_status_colour) == (
        1,
        "Planned",
        planned.colour,
    )
    [lavender] = similar_ideas("lavender", user=consumer, forum=forum)
    assert (lavender.idea_votes, lavender.idea_status_name) == (0, "New")


def test_short_titles_and_stop_words_find_nothing(consumer, forum, soap_ideas):
    assert similar_ideas("so", user=consumer, forum=forum) == []
    assert similar_ideas("the and for", user=consumer, forum=forum) == []


def test_unapproved_topics_forums_one_cannot_read_and_the_excluded_topic_are_left_out(
    consumer, moderator, forum, soap_ideas
):
    create_topic(forum=forum, subject="Cedar soap, waiting for approval", approved=False)
    private = make_private(create_forum(name="Staff room"))
    create_topic(forum=private, subject="Cedar soap secret plans")
    handler = PermissionHandler()
    assert not handler.can_read_forum(private, consumer)
    assert handler.can_read_forum(private, moderator)

    found = subjects(similar_ideas("cedar soap", user=consumer, limit=10))
    assert "Cedar soap, waiting for approval" not in found
    assert "Cedar soap secret plans" not in found
    assert "Cedar soap secret plans" in subjects(similar_ideas("cedar soap", user=moderator))

    found = similar_ideas("cedar soap", user=consumer, exclude_topic=soap_ideas["fig"])
    assert "A fig and cedar soap bar" not in subjects(found)


def test_at_most_the_limit(consumer, forum):
    for number in range(7):
        create_topic(forum=forum, subject=f"Cedar soap variant {number}")
    assert len(similar_ideas("cedar soap", user=consumer, forum=forum)) == 5
    assert len(similar_ideas("cedar soap", user=consumer, forum=forum, limit=2)) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_full_text_matches_word_forms(consumer, forum):
    create_topic(forum=forum, subject="Soaps that smell of cedars")
    create_topic(forum=forum, subject="Soapstone dishes")
    # Stemming: "soap" finds "Soaps", and whole words only: "Soapstone" is another word.
    assert subjects(similar_ideas("cedar soap", user=consumer, forum=forum)) == [
        "Soaps that smell of cedars"
    ]


def test_json_endpoint_lists_readable_ideas_as_data(client, forum, soap_ideas):
    create_topic(forum=forum, subject="<img src=x onerror=alert(1)> cedar soap")
    response = client.get(SIMILAR_URL, {"forum": forum.pk, "q": "cedar soap"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    results = response.json()["results"]
    assert len(results) == 4
    titles = [result["title"] for result in results]
    assert "<img src=x onerror=alert(1)> cedar soap" in titles  # data: the script sets textContent
    fig = next(result for result in results if result["title"] == "A fig and cedar soap bar")
    fig_topic = soap_ideas["fig"]
    assert fig == {
        "id": fig_topic.pk,
        "title": "A fig and cedar soap bar",
        "url": f"/forum/forum/{forum.slug}-{forum.pk}/topic/{fig_topic.slug}-{fig_topic.pk}/",
        "forum": "Soaps",
        "votes": 0,
        "status": "New",
    }
    assert not response.cookies


def test_json_endpoint_needs_three_characters_and_returns_five_at_most(client, forum):
    for number in range(7):
        create_topic(forum=forum, subject=f"Cedar soap variant {number}")
    assert client.get(SIMILAR_URL, {"forum": forum.pk, "q": "ce"}).json() == {"results": []}
    assert client.get(SIMILAR_URL, {"forum": forum.pk, "q": ""}).json() == {"results": []}
    assert len(client.get(SIMILAR_URL, {"forum": forum.pk, "q": "cedar"}).json()["results"]) == 5


def test_json_endpoint_refuses_forums_one_cannot_read(client, client_as, consumer, moderator):
    private = make_private(create_forum(name="Staff room"))
    create_topic(forum=private, subject="Cedar soap secret plans")
    query = {"forum": private.pk, "q": "cedar soap"}
    assert client.get(SIMILAR_URL, query).status_code == 404
    assert client.get(SIMILAR_URL, {"forum": "nope", "q": "cedar"}).status_code == 404
    assert client.get(SIMILAR_URL, {"forum": 999999, "q": "cedar"}).status_code == 404
    assert client_as(consumer).get(SIMILAR_URL, query).status_code == 404
    assert client.get(SIMILAR_URL, {"q": "cedar soap"}).json() == {"results": []}
    results = client_as(moderator).get(SIMILAR_URL, query).json()["results"]
    assert [result["title"] for result in results] == ["Cedar soap secret plans"]


def test_json_endpoint_is_get_only(client):
    assert client.post(SIMILAR_URL, {"q": "cedar"}).status_code == 405

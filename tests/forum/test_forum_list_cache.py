"""The forum list is rendered once and reused, yet every reader sees it current and as their own."""

import pytest
from bs4 import BeautifulSoup

from tests.duplicates import forum_url, topic_url
from tests.factories import create_forum, create_profile, create_reply, create_topic, create_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


def forum_row(client, forum, path="/forum/"):
    """The forum's row in the forum list: its unread marker and its last-post column."""
    response = client.get(path)
    assert response.status_code == 200
    link = BeautifulSoup(response.content, "html.parser").find("a", href=forum_url(forum))
    row = link.find_parent(class_="row")
    return {
        "unread": "unread" in row.find(class_="forum-icon")["class"],
        "last_post": row.find(class_="forum-last-post").get_text(" ", strip=True),
    }


@pytest.fixture
def forum():
    forum = create_forum(name="Scents")
    create_topic(forum=forum, poster=create_profile(pseudonym="First Nose").user)
    return forum


def test_a_new_reply_shows_at_once_to_a_member_who_saw_the_list(client, forum):
    client.force_login(create_user())
    assert "First Nose" in forum_row(client, forum)["last_post"]

    create_reply(forum.topics.get(), poster=create_profile(pseudonym="Second Nose").user)

    assert "Second Nose" in forum_row(client, forum)["last_post"]


def test_a_new_pseudonym_shows_at_once_in_the_list(client, forum):
    assert "First Nose" in forum_row(client, forum)["last_post"]
    profile = forum.topics.get().poster.contributor_profile

    profile.pseudonym = "Renamed Nose"
    profile.save()

    assert "Renamed Nose" in forum_row(client, forum)["last_post"]


def test_each_member_sees_their_own_unread_markers(client, forum):
    reader, newcomer = create_user(), create_user()
    client.force_login(reader)
    assert forum_row(client, forum)["unread"]
    assert client.get(topic_url(forum.topics.get())).status_code == 200
    assert not forum_row(client, forum)["unread"]

    client.force_login(newcomer)
    assert forum_row(client, forum)["unread"]


def test_the_french_list_links_to_french_addresses(client, forum):
    assert forum_row(client, forum)["last_post"]
    html = client.get("/fr/forum/").content.decode()

    assert f'href="/fr{forum_url(forum)}"' in html


def statistics(client):
    html = client.get("/forum/").content.decode()
    return BeautifulSoup(html, "html.parser").find(class_="statistics").get_text(" ", strip=True)


def test_a_visitor_sees_new_forums_replies_and_totals_at_once(client, forum):
    assert "Total posts: 1" in statistics(client)
    create_reply(forum.topics.get(), create_profile(pseudonym="Second Nose").user)
    assert "Second Nose" in forum_row(client, forum)["last_post"]
    assert "Total posts: 2" in statistics(client)
    newer = create_forum(name="Packaging")
    create_topic(forum=newer)
    assert forum_row(client, newer)["last_post"]
    assert "Total topics: 2" in statistics(client)


def test_a_forum_hidden_from_visitors_stays_hidden_after_a_member_saw_it(client, forum):
    from machina.apps.forum_permission.models import ForumPermission, UserForumPermission

    UserForumPermission.objects.create(
        forum=forum,
        anonymous_user=True,
        permission=ForumPermission.objects.get(codename="can_see_forum"),
        has_perm=False,
    )
    client.force_login(create_user())
    assert forum_row(client, forum)["last_post"]
    client.logout()
    html = client.get("/forum/").content.decode()
    assert forum_url(forum) not in html
    assert "Scents" not in html

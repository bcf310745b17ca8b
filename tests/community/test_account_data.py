"""Right of access: a member downloads everything the site holds about them, and nobody else's."""

import json

import pytest
from wagtail.models import ModelLogEntry

from tests.community.privacy import (
    DATA_URL,
    MEMBER_EMAIL,
    MEMBER_PSEUDONYM,
    OTHER_EMAIL,
    OTHER_PSEUDONYM,
    create_members,
    publish_story_quoting,
    take_part,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def download(client):
    response = client.get(DATA_URL)
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_the_file_holds_the_members_own_data_and_no_one_elses(client_as, editor, committed):
    member, other = create_members()
    done = take_part(member, other)
    story = publish_story_quoting(done, editor, committed)

    response, data = download(client_as(member))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert "no-store" in response["Cache-Control"]
    assert data["account"]["email"] == MEMBER_EMAIL
    assert data["account"]["email_addresses"] == [
        {"email": MEMBER_EMAIL, "verified": True, "primary": True}
    ]
    assert data["profile"]["contributor"]["pseudonym"] == MEMBER_PSEUDONYM
    assert data["profile"]["contributor"]["display_name"] == "Camille Dupont"
    assert {consent["document"] for consent in data["consents"]} == {
        "terms",
        "licence",
        "marketing",
    }
    own = done.own_topics[0]
    assert {topic["subject"] for topic in data["topics"]} == {"Member idea 0", "Member solo idea 0"}
    assert any(topic["url"].endswith(f"-{own.pk}/") for topic in data["topics"])
    contents = {post["content"] for post in data["posts"]}
    assert "Member reply 0" in contents
    reply = done.member_replies[0]
    assert any(post["url"].endswith(f"?post={reply.pk}#{reply.pk}") for post in data["posts"])
    assert [vote["idea"] for vote in data["idea_votes"]] == ["Other's idea 0"]
    assert data["variant_votes"][0]["variant"] == "Fig"
    assert data["variant_votes"][0]["question"] == "Which scent should we launch?"
    assert data["tester_applications"][0]["motivation"] == "I love figs 0"
    assert data["tester_applications"][0]["call"] == "Test our new soap"
    assert [follow["topic"] for follow in data["follows"] if follow["following"]]
    assert data["notifications"][0]["subject"] == "Member idea 0"
    assert "first_approved_idea" in {badge["badge"] for badge in data["badges"]}
    assert [credit["story"] for credit in data["story_credits"]] == [story.title]
    assert data["story_credits"][0]["url"].endswith(story.url)

    text = response.content.decode()
    # The other member replied, voted and is named on the same story: none of it is theirs.
    for private in (OTHER_EMAIL, "ana.lima", OTHER_PSEUDONYM, "Other's answer 0"):
        assert private not in text


@pytest.mark.parametrize("size", [1, 3])
def test_the_download_costs_the_same_queries_whatever_the_amounts(
    size, client_as, editor, committed, django_assert_max_num_queries
):
    member, other = create_members()
    done = take_part(member, other, size=size)
    publish_story_quoting(done, editor, committed)
    client = client_as(member)
    # One query per kind of data, the session and user, the audit entry; and Wagtail's site
    # root paths when its cache is cold.
    with django_assert_max_num_queries(29):
        response, data = download(client)
    assert len(data["posts"]) == 3 * size
    assert len(data["variant_votes"]) == size


def test_each_download_is_in_the_audit_log(client_as, consumer):
    download(client_as(consumer))
    entry = ModelLogEntry.objects.get(action="community.account.export")
    assert entry.user_id == consumer.pk and entry.object_id == str(consumer.pk)


def test_visitors_are_sent_to_sign_in(client, db):
    response = client.get(DATA_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_account_settings_page_offers_both_rights(client_as, consumer):
    html = client_as(consumer).get("/community/account/").content.decode()
    assert f'href="{DATA_URL}"' in html
    assert 'href="/community/account/delete/"' in html

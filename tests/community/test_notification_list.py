"""The notification list: one's own only, newest first, unread marked, marked read by POST."""

import pytest
from django.contrib.sessions.models import Session

from community.models import Notification, NotificationKind
from tests.factories import create_profile, create_topic, create_user

pytestmark = pytest.mark.django_db

LIST_URL = "/community/notifications/"


def notify(recipient, topic, kind=NotificationKind.REPLY, **fields):
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        topic=topic,
        actor=fields.pop("actor", topic.poster),
        subject=topic.subject,
        **fields,
    )


@pytest.fixture
def topic():
    return create_topic(subject="A fig and cedar soap")


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_list_shows_ones_own_notifications_newest_first_and_the_unread_count(
    client_as, consumer, topic
):
    older = notify(consumer, topic)
    newer = notify(consumer, topic, kind=NotificationKind.STATUS, detail="Planned")
    notify(create_user(), topic, kind=NotificationKind.PROMOTED)

    page = client_as(consumer).get(LIST_URL).content.decode()

    assert page.index("is now “Planned”") < page.index("replied to “A fig and cedar soap”")
    assert "became an article" not in page
    assert page.count("notification--unread") == 2
    assert '<span class="site-notifications__count">2<span class="visually-hidden"> unread' in page
    assert f"/notifications/{older.pk}/read/" in page
    assert f"/notifications/{newer.pk}/read/" in page
    assert "#idea-status" in page


def test_the_header_count_is_for_signed_in_users_only(client, client_as, consumer, topic):
    notify(consumer, topic)
    anonymous = client.get("/")
    assert "site-notifications" not in anonymous.content.decode()
    assert not anonymous.cookies
    assert not Session.objects.exists()

    assert "site-notifications__count" in client_as(consumer).get("/").content.decode()


def test_marking_one_read_then_all(client_as, consumer, topic):
    first, second, third = (notify(consumer, topic) for _ in range(3))
    client = client_as(consumer)

    response = client.post(f"/community/notifications/{first.pk}/read/", {"next": LIST_URL})
    assert (response.status_code, response["Location"]) == (302, LIST_URL)
    first.refresh_from_db()
    assert first.read_at is not None
    assert Notification.objects.filter(read_at__isnull=True).count() == 2

    client.post("/community/notifications/read/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    page = client.get(LIST_URL).content.decode()
    assert "notification--unread" not in page
    assert "site-notifications__count" not in page


def test_nobody_reads_or_marks_another_users_notifications(client_as, consumer, topic):
    theirs = notify(create_user(), topic, kind=NotificationKind.STATUS, detail="Secret status")
    client = client_as(consumer)

    response = client.post(f"/community/notifications/{theirs.pk}/read/")
    assert response.status_code == 404
    client.post("/community/notifications/read/")

    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "Secret status" not in client.get(LIST_URL).content.decode()


def test_marking_read_needs_post(client_as, consumer, topic):
    notification = notify(consumer, topic)
    client = client_as(consumer)
    assert client.get(f"/community/notifications/{notification.pk}/read/").status_code == 405
    assert client.get("/community/notifications/read/").status_code == 405


def test_the_list_is_paginated(client_as, consumer, topic):
    for _ in range(25):
        notify(consumer, topic)
    client = client_as(consumer)

    assert client.get(LIST_URL).content.decode().count('class="notification ') == 20
    second = client.get(LIST_URL + "?page=2").content.decode()
    assert second.count('class="notification ') == 5


def test_a_script_in_a_topic_title_is_shown_as_text(client_as, consumer):
    topic = create_topic(subject='<script>alert("x")</script> soap')
    notify(consumer, topic, reason="<img src=x onerror=alert(1)>")

    page = client_as(consumer).get(LIST_URL).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; soap" in page
    assert "<img src=x" not in page


# The session, the user, the page of notifications with their actors, topics and forums (one
# joined query), their count for the paginator, the header's unread count and the layout.
LIST_MAX_QUERIES = 11


@pytest.mark.parametrize("size", [2, 40])
def test_list_queries_do_not_grow(client_as, consumer, django_assert_max_num_queries, size):
    for number in range(size):
        topic = create_topic(subject=f"Idea {number}")
        notify(consumer, topic, actor=create_user())
        notify(consumer, topic, kind=NotificationKind.STATUS, detail="Planned", reason="Soon.")
    client = client_as(consumer)
    client.get(LIST_URL)  # warms the caches a first visit fills

    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get(LIST_URL)
    assert response.content.decode().count('class="notification ') == min(2 * size, 20)


def test_a_reply_names_the_replier_as_the_forum_does_never_by_username(client_as, consumer, topic):
    """Usernames are often the start of an e-mail address: no member may read another's."""
    replier = create_user(username="jane.doe.1984", email="jane.doe.1984@example.com")
    create_profile(replier, pseudonym="Fig Lover")
    notify(consumer, topic, actor=replier)

    page = client_as(consumer).get(LIST_URL).content.decode()

    assert "Fig Lover replied to “A fig and cedar soap”" in page
    assert "jane.doe" not in page

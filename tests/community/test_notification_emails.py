"""Notification e-mails: immediate, daily digests or never, each with a one-click unsubscribe."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from community.models import ContributorProfile, Follow, Notification, NotificationFrequency
from tests.community.notifying import create_reply
from tests.factories import create_campaign, create_topic, create_user, set_idea_status

pytestmark = pytest.mark.django_db


def with_frequency(username, frequency):
    user = create_user(username=username)
    ContributorProfile.objects.create(user=user, notification_frequency=frequency)
    return user


def unsubscribe_link(mail):
    [link] = re.findall(r"http://testserver/community/unsubscribe/[^/\s]+/", mail.body)
    return link


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def topic():
    author = create_user(username="author")  # no profile: e-mailed immediately by default
    return create_topic(forum=create_campaign().forum, poster=author, subject="A fig soap")


@pytest.fixture
def followers(topic):
    users = {
        "now": with_frequency("now", NotificationFrequency.IMMEDIATELY),
        "daily": with_frequency("daily", NotificationFrequency.DAILY),
        "never": with_frequency("never", NotificationFrequency.NEVER),
    }
    for user in users.values():
        Follow.objects.create(user=user, topic=topic)
    return users


def test_immediate_users_get_one_email_per_notification(
    topic, followers, moderator, mailoutbox, committed
):
    with committed():
        set_idea_status(topic, "declined", reason="Fig allergies.", acting_user=moderator)

    assert sorted(mail.to[0] for mail in mailoutbox) == ["author@example.com", "now@example.com"]
    mail = next(mail for mail in mailoutbox if mail.to == ["now@example.com"])
    assert mail.subject == "The idea “A fig soap” is now “Declined”."
    assert "Fig allergies." in mail.body
    assert f"http://testserver/forum/forum/{topic.forum.slug}-{topic.forum.pk}/" in mail.body
    link = unsubscribe_link(mail)
    assert mail.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    emailed = Notification.objects.filter(emailed_at__isnull=False)
    assert sorted(emailed.values_list("recipient__username", flat=True)) == ["author", "now"]


def test_the_unsubscribe_link_works_without_signing_in(topic, followers, mailoutbox, committed):
    with committed():
        create_reply(topic, create_user())
    mail = next(mail for mail in mailoutbox if mail.to == ["now@example.com"])
    link = unsubscribe_link(mail).removeprefix("http://testserver")
    anonymous = Client()

    confirm = anonymous.get(link)
    assert confirm.status_code == 200
    assert "Unsubscribe" in confirm.content.decode()
    assert not confirm.cookies
    assert ContributorProfile.objects.get(user=followers["now"]).notification_frequency == (
        NotificationFrequency.IMMEDIATELY
    )

    done = anonymous.post(link)
    assert done.status_code == 200
    assert "You are unsubscribed" in done.content.decode()
    profile = ContributorProfile.objects.get(user=followers["now"])
    assert profile.notification_frequency == NotificationFrequency.NEVER
    assert ModelLogEntry.objects.filter(action="community.notifications.unsubscribe").count() == 1

    mailoutbox.clear()
    with committed():
        create_reply(topic, create_user())
    recipients = {mail.to[0] for mail in mailoutbox}
    assert "author@example.com" in recipients
    assert "now@example.com" not in recipients


def test_a_mail_client_unsubscribes_in_one_click(topic, mailoutbox, committed):
    with committed():
        create_reply(topic, create_user())
    [mail] = mailoutbox
    url = mail.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")

    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert ContributorProfile.objects.get(user=topic.poster).notification_frequency == "never"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_refused(topic, mailoutbox, committed, method):
    with committed():
        create_reply(topic, create_user())
    link = unsubscribe_link(mailoutbox[0]).removeprefix("http://testserver")
    tampered = link.replace(":", ":x", 1)

    response = getattr(Client(), method)(tampered)

    assert response.status_code == 400
    assert "This unsubscribe link is not valid" in response.content.decode()
    assert not ContributorProfile.objects.filter(notification_frequency="never").exists()


def test_daily_digests_send_one_email_per_user_and_each_notification_once(
    topic, followers, moderator, mailoutbox, committed
):
    other_daily = with_frequency("other_daily", NotificationFrequency.DAILY)
    Follow.objects.create(user=other_daily, topic=topic)
    with committed():
        create_reply(topic, create_user())
        set_idea_status(topic, "planned", acting_user=moderator)
    Notification.objects.filter(recipient=other_daily, kind="reply").update(read_at=timezone.now())
    mailoutbox.clear()

    call_command("send_notification_digests")

    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "daily@example.com",
        "other_daily@example.com",
    ]
    digest = next(mail for mail in mailoutbox if mail.to == ["daily@example.com"])
    assert digest.subject == "Your daily digest: 2 notifications"
    assert "replied to “A fig soap”" in digest.body
    assert "is now “Planned”" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    other = next(mail for mail in mailoutbox if mail.to == ["other_daily@example.com"])
    assert other.subject == "Your daily digest: 1 notification"  # the read reply stays out

    mailoutbox.clear()
    call_command("send_notification_digests")
    assert mailoutbox == []
    assert not Notification.objects.filter(recipient=followers["never"], emailed_at__isnull=False)


def test_never_gets_no_email_but_sees_notifications_on_the_site(
    topic, followers, mailoutbox, committed
):
    with committed():
        create_reply(topic, create_user())
    call_command("send_notification_digests")

    assert "never@example.com" not in {mail.to[0] for mail in mailoutbox}
    assert Notification.objects.filter(recipient=followers["never"]).count() == 1


def test_email_html_escapes_a_script_in_a_topic_title(mailoutbox, committed):
    topic = create_topic(poster=create_user(), subject='<script>alert("x")</script>')

    with committed():
        create_reply(topic, create_user())

    [mail] = mailoutbox
    [(html, _mimetype)] = mail.alternatives
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<script>alert("x")</script>' in mail.subject  # plain text is not HTML

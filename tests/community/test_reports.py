"""Reports: members report a post once each; at the threshold the post is hidden for review."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.models import ModelLogEntry

from community.actions import ActionRefused, do_ban_user, do_report_post
from community.models import (
    ModerationCase,
    ModerationReason,
    ModerationSettings,
    Notification,
    NotificationKind,
    PostReport,
)
from community.models.moderation import REPORT_REASON_MAX_LENGTH
from tests.community.notifying import create_reply, forum_url, topic_url
from tests.factories import create_campaign, create_topic, create_user

pytestmark = pytest.mark.django_db

REASON = "Insults another member."


def report_url(post):
    return f"/community/posts/{post.pk}/report/"


def set_threshold(count):
    moderation = ModerationSettings.load()
    moderation.report_threshold = count
    moderation.save()


@pytest.fixture
def topic():
    return create_topic(forum=create_campaign().forum, subject="A fig and cedar soap")


@pytest.fixture
def reply(topic):
    return create_reply(topic, create_user(), content="Buy my cheap watches at spam.example")


def refusal_of(call):
    with pytest.raises(ActionRefused) as refused:
        call()
    return refused.value


# The action's rules.


def test_a_report_is_stored_and_logged_without_hiding_below_the_threshold(reply, consumer):
    set_threshold(3)

    report = do_report_post(reply, consumer, f"  {REASON}  ")

    assert (report.post, report.reporter, report.reason) == (reply, consumer, REASON)
    assert report.resolved_at is None
    reply.refresh_from_db()
    assert reply.approved
    assert not ModerationCase.objects.exists()
    entry = ModelLogEntry.objects.get(action="community.post.report")
    assert (entry.user, entry.object_id, entry.data) == (
        consumer,
        str(report.pk),
        {"post": reply.pk},
    )


def test_anonymous_visitors_cannot_report(reply, anonymous):
    with pytest.raises(PermissionDenied):
        do_report_post(reply, anonymous, REASON)
    assert not PostReport.objects.exists()


def test_nobody_reports_their_own_post(reply):
    refusal = refusal_of(lambda: do_report_post(reply, reply.poster, REASON))

    assert (refusal.status, refusal.message) == (403, "You cannot report your own post.")
    assert not PostReport.objects.exists()


def test_a_post_waiting_for_approval_cannot_be_reported(topic, consumer):
    held = create_reply(topic, create_user(), approved=False)

    refusal = refusal_of(lambda: do_report_post(held, consumer, REASON))

    assert refusal.status == 409
    assert "already waiting for a moderator" in refusal.message
    assert not PostReport.objects.exists()


def test_a_second_report_by_the_same_member_changes_nothing(reply, consumer):
    do_report_post(reply, consumer, REASON)

    refusal = refusal_of(lambda: do_report_post(reply, consumer, "Again"))

    assert refusal.status == 409
    assert "You already reported this post" in refusal.message
    assert list(PostReport.objects.values_list("reason", flat=True)) == [REASON]
    assert ModelLogEntry.objects.filter(action="community.post.report").count() == 1


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Say why this post should be reviewed"),
        ("   \n ", "Say why this post should be reviewed"),
        ("x" * (REPORT_REASON_MAX_LENGTH + 1), "Keep the reason to 1000 characters at most"),
    ],
)
def test_a_report_needs_a_reason_of_a_sensible_length(reply, consumer, reason, message):
    refusal = refusal_of(lambda: do_report_post(reply, consumer, reason))

    assert refusal.status == 400
    assert message in refusal.message
    assert not PostReport.objects.exists()


def test_a_report_of_exactly_the_longest_reason_is_taken(reply, consumer):
    assert do_report_post(reply, consumer, "x" * REPORT_REASON_MAX_LENGTH).pk


def test_a_banned_member_cannot_report_and_is_told_why(reply, consumer, moderator):
    do_ban_user(consumer, moderator, "Spam <script>alert(1)</script>")

    refusal = refusal_of(lambda: do_report_post(reply, consumer, REASON))

    assert refusal.status == 403
    assert refusal.message == (
        "You cannot take part any more, this ban is for good: Spam <script>alert(1)</script>"
    )
    assert not PostReport.objects.exists()


def test_a_member_who_may_not_read_the_forum_cannot_report(reply, consumer, monkeypatch):
    from machina.apps.forum_permission.handler import PermissionHandler

    monkeypatch.setattr(PermissionHandler, "can_read_forum", lambda self, forum, user: False)

    refusal = refusal_of(lambda: do_report_post(reply, consumer, REASON))

    assert refusal.status == 403
    assert not PostReport.objects.exists()


@override_settings(COMMUNITY_RATE_LIMITS={"report": "2/m"})
def test_reporting_too_fast_is_refused_and_moderators_are_spared(topic, consumer, moderator):
    set_threshold(10)
    posts = [create_reply(topic, create_user()) for _ in range(3)]
    do_report_post(posts[0], consumer, REASON)
    do_report_post(posts[1], consumer, REASON)

    refusal = refusal_of(lambda: do_report_post(posts[2], consumer, REASON))

    assert refusal.status == 429
    assert "You are reporting too fast" in refusal.message
    assert PostReport.objects.filter(reporter=consumer).count() == 2
    for post in posts:
        do_report_post(post, moderator, REASON)
    assert PostReport.objects.filter(reporter=moderator).count() == 3


# The threshold.


def report_by_new_members(post, count):
    for _ in range(count):
        do_report_post(post, create_user(), REASON)


def test_a_reply_is_hidden_at_exactly_the_threshold_with_one_case(
    reply, django_capture_on_commit_callbacks, mailoutbox
):
    set_threshold(2)
    report_by_new_members(reply, 1)
    reply.refresh_from_db()
    assert reply.approved

    with django_capture_on_commit_callbacks(execute=True):
        report_by_new_members(reply, 1)

    reply.refresh_from_db()
    assert not reply.approved
    assert Topic.objects.get(pk=reply.topic_id).approved  # a hidden reply leaves its topic be
    case = ModerationCase.objects.get()
    assert (case.post, case.reason, case.detail, case.is_pending) == (
        reply,
        ModerationReason.REPORTED,
        "2 reports",
        True,
    )
    assert (case.forum, case.author, case.subject, case.is_topic_head) == (
        reply.topic.forum,
        reply.poster,
        reply.subject,
        False,
    )
    entry = ModelLogEntry.objects.get(action="community.post.hide")
    assert (entry.object_id, entry.data) == (str(case.pk), {"post": reply.pk, "reports": 2})
    notification = Notification.objects.get(recipient=reply.poster)
    assert notification.kind == NotificationKind.POST_HIDDEN
    assert notification.post == reply
    [mail] = mailoutbox
    assert mail.to == [reply.poster.email]
    assert mail.subject == (
        "Your post in “A fig and cedar soap” is hidden after reports from members, until a "
        "moderator reviews it."
    )
    # The reply's topic is still visible: the e-mail leads there.
    assert topic_url(reply.topic) in mail.body


def test_reports_after_the_threshold_are_stored_and_counted_on_the_one_case(reply):
    set_threshold(2)
    report_by_new_members(reply, 4)

    assert PostReport.objects.filter(post=reply).count() == 4
    case = ModerationCase.objects.get()
    assert case.detail == "4 reports"
    assert ModelLogEntry.objects.filter(action="community.post.hide").count() == 1


def test_resolved_reports_no_longer_count_towards_the_threshold(reply):
    from django.utils import timezone

    set_threshold(2)
    do_report_post(reply, create_user(), REASON)
    PostReport.objects.update(resolved_at=timezone.now(), upheld=False)  # a moderator kept it

    report_by_new_members(reply, 1)

    reply.refresh_from_db()
    assert reply.approved
    report_by_new_members(reply, 1)
    reply.refresh_from_db()
    assert not reply.approved


def test_a_hidden_first_post_hides_its_topic_from_members_but_not_from_moderators(
    client, client_as, topic, consumer, moderator, django_capture_on_commit_callbacks
):
    set_threshold(1)
    first_post = topic.first_post

    with django_capture_on_commit_callbacks(execute=True):
        do_report_post(first_post, create_user(), REASON)

    topic.refresh_from_db()
    assert not topic.approved
    case = ModerationCase.objects.get()
    assert case.is_topic_head
    assert topic.subject not in client.get(forum_url(topic.forum)).content.decode()
    assert "An idea worth discussing." not in client.get(topic_url(topic)).content.decode()
    member = client_as(consumer)
    assert topic.subject not in member.get(forum_url(topic.forum)).content.decode()
    assert member.get(f"/forum/moderation/queue/{first_post.pk}/").status_code == 403
    moderator_client = client_as(moderator)
    queue = moderator_client.get("/admin/moderation/").content.decode()
    assert topic.subject in queue
    queued = moderator_client.get(f"/forum/moderation/queue/{first_post.pk}/")
    assert "An idea worth discussing." in queued.content.decode()
    # The author is told, with no link to a topic nobody can see until it is kept.
    notification = Notification.objects.get(recipient=topic.poster)
    assert notification.kind == NotificationKind.POST_HIDDEN
    page = client_as(topic.poster).get("/community/notifications/").content.decode()
    assert "is hidden after reports from members" in page


def test_a_hidden_reply_disappears_from_the_topic_for_members(
    client, client_as, reply, consumer, moderator
):
    set_threshold(1)
    do_report_post(reply, consumer, REASON)

    assert "cheap watches" not in client.get(topic_url(reply.topic)).content.decode()
    assert (
        "cheap watches" not in client_as(create_user()).get(topic_url(reply.topic)).content.decode()
    )
    queued = client_as(moderator).get(f"/forum/moderation/queue/{reply.pk}/")
    assert "cheap watches" in queued.content.decode()


def test_a_moderators_post_is_hidden_like_any_other(topic, moderator):
    set_threshold(1)
    post = create_reply(topic, moderator, content="Official answer")

    do_report_post(post, create_user(), REASON)

    post.refresh_from_db()
    assert not post.approved
    assert ModerationCase.objects.filter(post=post, reason=ModerationReason.REPORTED).exists()


# Through the site.


def test_anonymous_visitors_are_sent_to_sign_in(client, reply):
    response = client.get(report_url(reply))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert client.post(report_url(reply), {"reason": REASON}).status_code == 302
    assert not PostReport.objects.exists()


def test_a_member_reports_from_the_topic_page_and_is_thanked(client_as, reply, consumer):
    set_threshold(3)
    client = client_as(consumer)
    page = client.get(topic_url(reply.topic)).content.decode()
    assert report_url(reply) in page
    # Not on their own posts: the topic's first post is someone else's, the reply too.
    assert page.count('title="Report this post to the moderators"') == 2

    form = client.get(report_url(reply))
    assert form.status_code == 200
    assert 'name="reason"' in form.content.decode()
    response = client.post(report_url(reply), {"reason": REASON}, follow=True)

    assert response.redirect_chain[0] == (topic_url(reply.topic), 302)
    page = response.content.decode()
    assert "Thanks, moderators will review this post." in page
    assert ">Reported<" in page
    assert page.count('title="Report this post to the moderators"') == 1
    assert PostReport.objects.filter(post=reply, reporter=consumer).exists()


def test_the_author_sees_no_report_button_on_their_own_post(client_as, reply):
    page = client_as(reply.poster).get(topic_url(reply.topic)).content.decode()

    assert report_url(reply) not in page
    assert report_url(reply.topic.first_post) in page


def test_a_second_report_through_the_site_says_so(client_as, reply, consumer):
    client = client_as(consumer)
    client.post(report_url(reply), {"reason": REASON})

    form = client.get(report_url(reply))
    assert form.status_code == 409
    assert "You already reported this post" in form.content.decode()
    response = client.post(report_url(reply), {"reason": "Once more"})
    assert response.status_code == 409
    assert "You already reported this post" in response.content.decode()
    assert PostReport.objects.count() == 1


def test_an_empty_reason_is_a_form_error(client_as, reply, consumer):
    response = client_as(consumer).post(report_url(reply), {"reason": ""})

    assert response.status_code == 400
    assert "Say why this post should be reviewed." in response.content.decode()
    assert not PostReport.objects.exists()


def test_a_missing_post_is_a_404(client_as, consumer):
    response = client_as(consumer).get("/community/posts/999999/report/")

    assert response.status_code == 404
    assert "This post does not exist." in response.content.decode()


def test_the_report_that_hides_a_first_post_leads_back_to_its_forum(client_as, topic, consumer):
    set_threshold(1)

    response = client_as(consumer).post(report_url(topic.first_post), {"reason": REASON})

    assert response.status_code == 302
    assert response["Location"] == forum_url(topic.forum)


def test_reporters_are_not_shown_who_else_reported(client_as, reply):
    set_threshold(5)
    first = create_user(username="firstreporter")
    do_report_post(reply, first, "First reporter's own words")
    second = create_user()
    client = client_as(second)

    pages = [
        client.get(topic_url(reply.topic)).content.decode(),
        client.get(report_url(reply)).content.decode(),
        client.post(report_url(reply), {"reason": REASON}, follow=True).content.decode(),
    ]

    for page in pages:
        assert "firstreporter" not in page
        assert "First reporter&#x27;s own words" not in page
        assert "First reporter's own words" not in page


def test_a_report_reason_with_markup_is_escaped_when_shown_again(client_as, reply, consumer):
    reason = "<script>alert('report')</script>" + "x" * REPORT_REASON_MAX_LENGTH

    response = client_as(consumer).post(report_url(reply), {"reason": reason})

    assert response.status_code == 400
    page = response.content.decode()
    assert "<script>alert('report')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;report&#x27;)&lt;/script&gt;" in page


def test_a_banned_member_sees_why_on_the_report_page(client_as, reply, consumer, moderator):
    do_ban_user(consumer, moderator, "Spam <b>again</b>")

    response = client_as(consumer).get(report_url(reply))

    assert response.status_code == 403
    page = response.content.decode()
    assert (
        "You cannot take part any more, this ban is for good: Spam &lt;b&gt;again&lt;/b&gt;" in page
    )
    assert 'name="reason"' not in page


def test_topic_page_report_buttons_take_one_query_whatever_the_number_of_posts(
    client_as, topic, consumer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(consumer)
    client.get(topic_url(topic))
    for _ in range(5):
        post = create_reply(topic, create_user())
        do_report_post(post, consumer, REASON)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(topic_url(topic)).content.decode()

    report_queries = [q for q in queries if "community_postreport" in q["sql"]]
    assert len(report_queries) == 1
    assert page.count(">Reported<") == 5
    assert not Post.objects.filter(topic=topic, approved=False).exists()

"""The moderation queue in the Wagtail admin: who sees it, what it shows, how decisions go."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.models import ModelLogEntry

from community import actions
from community.admin.moderation_panel import moderation_figures
from community.models import (
    Follow,
    ModerationCase,
    ModerationDecision,
    ModerationReason,
    Notification,
    NotificationKind,
    PostReport,
    RejectionReason,
)
from community.models.moderation import REJECTION_REASON_MAX_LENGTH
from tests.community.moderating import QUEUE, decide_url, held_post, reported_post
from tests.factories import create_campaign, create_topic, create_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the code under test leaves for after the commit, as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def notifications(kind):
    return list(Notification.objects.filter(kind=kind).select_related("recipient"))


def logged(action):
    return list(ModelLogEntry.objects.filter(action=action))


# Who may read the queue and who may decide.


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_consumers_and_authors_are_refused(client_as):
    case = held_post()
    for user in (create_user(), case.author):
        response = client_as(user).get(QUEUE)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", ["moderator", "editor", "admin"])
def test_moderators_editors_and_admins_read_the_queue(client_as, role):
    case = held_post(content="Glass refills, please.")
    response = client_as(create_user(role)).get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert case.subject in html and "Glass refills, please." in html
    assert "Moderation queue" in html


def test_moderators_without_page_permissions_see_the_menu_with_the_pending_count(
    client_as, moderator
):
    held_post()
    held_post()
    html = client_as(moderator).get("/admin/").content.decode()
    assert "Moderation (2)" in html and "Queue (2)" in html
    assert QUEUE in html


def test_consumers_cannot_decide_and_nothing_changes(client_as, consumer, committed):
    case = held_post()
    with committed():
        response = client_as(consumer).post(decide_url("approve", case))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    case.refresh_from_db()
    assert case.is_pending and not Post.objects.get(pk=case.post_id).approved
    assert not Notification.objects.exists()


def test_a_reader_without_the_change_permission_cannot_decide(client_as):
    case = held_post()
    reader = create_user("editor")
    reader.groups.clear()
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_moderationcase"),
    )
    client = client_as(reader)
    listing = client.get(QUEUE).content.decode()
    assert "/approve/" not in listing and "bulk-action-checkbox" not in listing

    response = client.post(decide_url("approve", case))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    case.refresh_from_db()
    assert case.is_pending


@pytest.mark.parametrize("role", ["moderator", "editor", "admin"])
def test_moderators_editors_and_admins_decide(client_as, role, committed):
    case = held_post()
    decider = create_user(role)
    with committed():
        response = client_as(decider).post(decide_url("approve", case))
    assert response.status_code == 302 and response["Location"] == QUEUE
    case.refresh_from_db()
    assert (case.decision, case.decided_by) == (ModerationDecision.APPROVED, decider)


# What the queue shows.


def test_the_queue_shows_reason_detail_age_forum_campaign_author_and_escaped_content(
    client_as, moderator
):
    campaign = create_campaign(title="Scents of summer")
    author = create_user(username="figlover")
    held_post(
        forum=campaign.forum,
        author=author,
        content="<script>alert('x')</script> **bold** at https://spam.example",
        reason=ModerationReason.LINKS,
        detail="https://spam.example",
        opened_at=timezone.now() - timedelta(hours=3),
    )
    html = client_as(moderator).get(QUEUE).content.decode()
    assert "Contains links: https://spam.example" in html
    assert "3\xa0hours ago" in html or "3 hours ago" in html
    assert campaign.forum.name in html and "Scents of summer" in html
    assert "figlover" in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; **bold**" in html
    assert "<script>alert" not in html


def test_decided_cases_leave_the_queue(client_as, moderator):
    kept = held_post(content="Still waiting")
    gone = held_post(content="Already approved")
    actions.do_approve_case(gone, acting_user=moderator)
    html = client_as(moderator).get(QUEUE).content.decode()
    assert kept.subject in html and "Already approved" not in html


def test_the_queue_filters_by_campaign_forum_reason_and_age(client_as, moderator):
    soaps, candles = create_campaign(title="Soaps"), create_campaign(title="Candles")
    old_link = held_post(
        forum=soaps.forum,
        content="Old link case",
        reason=ModerationReason.LINKS,
        opened_at=timezone.now() - timedelta(days=2),
    )
    new_word = held_post(
        forum=candles.forum, content="New word case", reason=ModerationReason.WATCHED_WORD
    )
    client = client_as(moderator)

    def shown(query):
        html = client.get(f"{QUEUE}?{query}").content.decode()
        return {case.pk for case in (old_link, new_word) if case.post.content.raw in html}

    assert shown(f"campaign={soaps.pk}") == {old_link.pk}
    assert shown(f"forum={candles.forum.pk}") == {new_word.pk}
    assert shown("reason=watched_word") == {new_word.pk}
    assert shown("age=24h") == {old_link.pk}
    assert shown("age=7d") == set()
    assert shown("age=1h") == {old_link.pk}
    assert shown("") == {old_link.pk, new_word.pk}
    # The admin's filters refresh the listing from its results view, with the same filters.
    results = client.get(f"{QUEUE}results/?reason=links").content.decode()
    assert "Old link case" in results and "New word case" not in results


@pytest.mark.parametrize("size", [3, 30])
def test_the_queue_page_costs_the_same_queries_at_any_size(
    client_as, moderator, size, django_assert_num_queries
):
    campaign = create_campaign()
    for number in range(size):
        held_post(forum=campaign.forum if number % 2 else None, content=f"Case {number}.")
    client = client_as(moderator)
    client.get(QUEUE)  # the session and the sidebar's first queries are not the listing's
    with django_assert_num_queries(QUEUE_PAGE_QUERIES):
        html = client.get(QUEUE).content.decode()
    assert html.count('data-object-id="') == size


#: The queue page, measured: session, user, its permissions and profile, the paginator's count,
#: locales, page/collection/site permissions (sidebar), the menu's pending count, the filters'
#: campaigns and forums, the listing itself; the same whether 3 or 30 posts wait.
QUEUE_PAGE_QUERIES = 14


# Deciding from the queue.


def test_the_decision_page_shows_what_the_reporters_said(client_as, moderator):
    case = reported_post(reporters=2)
    older = PostReport.objects.create(
        post=case.post,
        reporter=create_user(),
        reason="Settled last week",
        resolved_at=timezone.now(),
    )
    PostReport.objects.filter(post=case.post).exclude(pk=older.pk).update(
        reason="<b>Insults</b> other members"
    )

    page = client_as(moderator).get(decide_url("reject", case)).content.decode()

    assert "What the reporters said:" in page
    assert page.count("&lt;b&gt;Insults&lt;/b&gt; other members") == 2
    assert "Settled last week" not in page


def test_approving_a_held_reply_shows_it_tells_its_author_and_the_followers(
    client_as, moderator, committed
):
    case = held_post(content="Add vetiver.")
    topic = case.post.topic
    Follow.objects.create(user=create_user(username="follower"), topic=topic)
    client = client_as(moderator)

    confirmation = client.get(decide_url("approve", case))
    assert confirmation.status_code == 200
    assert "Approve this post?" in confirmation.content.decode()
    with committed():
        response = client.post(decide_url("approve", case), follow=True)

    assert "1 post approved; its author is told." in response.content.decode()
    post = Post.objects.get(pk=case.post_id)
    assert post.approved
    case.refresh_from_db()
    assert (case.decision, case.decided_by) == (ModerationDecision.APPROVED, moderator)
    assert case.decision_time >= timedelta(0)
    [approved] = notifications(NotificationKind.POST_APPROVED)
    assert (approved.recipient, approved.post, approved.actor) == (case.author, post, moderator)
    assert {n.recipient.username for n in notifications(NotificationKind.REPLY)} >= {"follower"}
    [entry] = logged("community.moderation.approve")
    assert (entry.object_id, entry.user, entry.data["reason"]) == (
        str(case.pk),
        moderator,
        ModerationReason.NEW_ACCOUNT,
    )


def test_approving_a_held_topic_makes_the_topic_public(client_as, moderator, committed):
    case = held_post(topic_head=True, subject="Lavender candles")
    with committed():
        client_as(moderator).post(decide_url("approve", case))
    topic = Topic.objects.get(subject="Lavender candles")
    assert topic.approved
    assert Follow.objects.get(topic=topic, user=case.author).reason == "author"


def test_a_held_idea_can_be_approved_and_promoted_in_one_go(client_as, moderator, committed):
    case = held_post(topic_head=True, subject="Lavender candles")
    held_post(subject="A held reply")
    promote_url = f"/admin/promote/{case.post.topic_id}/"
    client = client_as(moderator)
    listing = client.get(QUEUE).content.decode()
    assert listing.count("Approve and promote") == 1  # replies are not ideas to promote
    with committed():
        response = client.post(decide_url("approve", case, next_url=promote_url), follow=True)
    assert response.redirect_chain[-1][0] == promote_url
    assert "Lavender candles" in response.content.decode()
    assert Topic.objects.get(subject="Lavender candles").approved


def test_queue_readers_who_may_not_promote_are_not_offered_to(client_as, editor):
    held_post(topic_head=True)
    editor.groups.clear()
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_moderationcase", "change_moderationcase"]
        )
    )
    listing = client_as(editor).get(QUEUE).content.decode()
    assert "Approve" in listing
    assert "Approve and promote" not in listing


def test_rejecting_with_a_canned_reason_deletes_the_post_and_tells_the_author_why(
    client_as, editor, committed
):
    canned = RejectionReason.objects.create(
        title="Advertising", text="We do not allow advertising for other shops."
    )
    case = held_post(content="Buy at spam.example", topic_head=True, subject="Cheap soap")
    client = client_as(editor)

    form = client.get(decide_url("reject", case)).content.decode()
    assert "Advertising" in form and "Reject this post?" in form
    with committed():
        response = client.post(decide_url("reject", case), {"canned_reason": canned.pk})

    assert response.status_code == 302
    assert not Post.objects.filter(pk=case.post_id).exists()
    assert not Topic.objects.filter(subject="Cheap soap").exists()
    case.refresh_from_db()
    assert (case.decision, case.post_id, case.subject) == (
        ModerationDecision.REJECTED,
        None,
        "Cheap soap",
    )
    assert case.rejection_reason == canned.text
    [rejected] = notifications(NotificationKind.POST_REJECTED)
    assert (rejected.recipient, rejected.reason) == (case.author, canned.text)
    assert "spam.example" in rejected.detail
    [entry] = logged("community.moderation.reject")
    assert entry.data["rejection_reason"] == canned.text


def test_a_free_reason_wins_over_the_canned_one(client_as, moderator, committed):
    canned = RejectionReason.objects.create(title="Off topic", text="Off topic.")
    case = held_post()
    with committed():
        client_as(moderator).post(
            decide_url("reject", case),
            {"canned_reason": canned.pk, "reason": "  Please keep to soaps.  "},
        )
    [rejected] = notifications(NotificationKind.POST_REJECTED)
    assert rejected.reason == "Please keep to soaps."


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Choose a reason or write one: the author is told why."),
        ({"reason": "   "}, "Choose a reason or write one: the author is told why."),
        ({"reason": "x" * (REJECTION_REASON_MAX_LENGTH + 1)}, "at most 1000 characters"),
        ({"canned_reason": "999999"}, "Select a valid choice."),
    ],
)
def test_a_rejection_without_a_valid_reason_is_a_form_error_and_changes_nothing(
    client_as, moderator, data, error, committed
):
    case = held_post()
    with committed():
        response = client_as(moderator).post(decide_url("reject", case), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    case.refresh_from_db()
    assert case.is_pending and Post.objects.filter(pk=case.post_id).exists()
    assert not Notification.objects.exists() and not logged("community.moderation.reject")


def test_bulk_approval_decides_the_pending_and_skips_the_decided_and_unknown(
    client_as, moderator, committed
):
    first, second, decided = held_post(), held_post(), held_post()
    actions.do_reject_case(decided, acting_user=moderator, reason_text="Spam")
    url = decide_url("approve", first, second, decided) + "&id=999999&id=nonsense"
    client = client_as(moderator)

    confirmation = client.get(url).content.decode()
    assert "Approve these 2 posts?" in confirmation
    assert "Already decided, left unchanged:" in confirmation
    with committed():
        response = client.post(url, follow=True)

    assert "2 posts approved; their authors are told." in response.content.decode()
    assert Post.objects.filter(pk__in=[first.post_id, second.post_id], approved=True).count() == 2
    assert len(logged("community.moderation.approve")) == 2
    assert len(notifications(NotificationKind.POST_APPROVED)) == 2


def test_select_all_in_the_listing_keeps_to_its_filters(client_as, moderator, committed):
    words = [held_post(reason=ModerationReason.WATCHED_WORD) for _number in range(3)]
    other = held_post(reason=ModerationReason.LINKS)
    url = "/admin/bulk/community/moderationcase/reject/?id=all&reason=watched_word"
    with committed():
        client_as(moderator).post(url, {"reason": "Not here."})
    assert (
        ModerationCase.objects.filter(
            pk__in=[case.pk for case in words], decision=ModerationDecision.REJECTED
        ).count()
        == 3
    )
    other.refresh_from_db()
    assert other.is_pending


@pytest.mark.parametrize("query", ["", "id=999999", "id=abc"])
def test_an_empty_or_unknown_selection_says_so_and_changes_nothing(client_as, moderator, query):
    case = held_post()
    url = f"/admin/bulk/community/moderationcase/approve/?{query}&next={QUEUE}"
    client = client_as(moderator)
    page = client.get(url)
    assert page.status_code == 200
    assert "None of the chosen posts waits for a decision any more." in page.content.decode()
    response = client.post(url, follow=True)
    assert "None of the chosen posts waits for a decision any more." in response.content.decode()
    case.refresh_from_db()
    assert case.is_pending and not logged("community.moderation.approve")


def test_deciding_twice_is_a_no_op_with_a_message(moderator, editor, committed):
    case = held_post()
    with committed():
        actions.do_approve_case(case, acting_user=moderator)
        with pytest.raises(actions.ActionRefused) as refusal:
            actions.do_reject_case(case, acting_user=editor, reason_text="Spam")
    assert refusal.value.status == 409
    assert "already decided" in refusal.value.message
    case.refresh_from_db()
    assert (case.decision, case.decided_by) == (ModerationDecision.APPROVED, moderator)
    assert len(notifications(NotificationKind.POST_APPROVED)) == 1
    assert not notifications(NotificationKind.POST_REJECTED)


# Reported posts: kept or removed.


def test_keeping_a_reported_post_shows_it_again_quietly(client_as, moderator, committed):
    case = reported_post()
    topic = case.post.topic
    with committed():
        client_as(moderator).post(decide_url("approve", case))
    post = Post.objects.get(pk=case.post_id)
    assert post.approved
    assert set(PostReport.objects.filter(post=post).values_list("upheld", flat=True)) == {False}
    assert not PostReport.objects.filter(post=post, resolved_at__isnull=True).exists()
    assert not Notification.objects.exists()  # no "approved", no reply to the topic again
    assert not Follow.objects.filter(topic=topic, user=case.author).exists()
    assert len(logged("community.moderation.approve")) == 1


def test_removing_a_reported_post_tells_its_author(client_as, moderator, committed):
    case = reported_post()
    with committed():
        client_as(moderator).post(decide_url("reject", case), {"reason": "Insults."})
    assert not Post.objects.filter(pk=case.post_id).exists()
    [rejected] = notifications(NotificationKind.POST_REJECTED)
    assert (rejected.recipient, rejected.reason) == (case.author, "Insults.")
    case.refresh_from_db()
    assert case.decision == ModerationDecision.REJECTED


# machina's own moderation views take the same path.


def test_machinas_queue_leads_to_the_wagtail_queue(client_as, moderator):
    response = client_as(moderator).get("/forum/moderation/queue/")
    assert response.status_code == 302 and response["Location"] == QUEUE


def test_machinas_approve_view_decides_the_case_and_logs_it(client_as, moderator, committed):
    case = held_post()
    with committed():
        response = client_as(moderator).post(f"/forum/moderation/queue/{case.post_id}/approve/")
    assert response.status_code == 302 and response["Location"] == QUEUE
    case.refresh_from_db()
    assert case.decision == ModerationDecision.APPROVED
    assert len(logged("community.moderation.approve")) == 1


def test_machinas_views_open_a_case_for_a_post_held_without_one(client_as, moderator, committed):
    topic = create_topic()
    post = Post.objects.create(
        topic=topic, poster=create_user(), subject="Re", content="Old", approved=False
    )
    with committed():
        client_as(moderator).post(f"/forum/moderation/queue/{post.pk}/disapprove/")
    case = ModerationCase.objects.get()
    assert (case.reason, case.decision) == (
        ModerationReason.APPROVAL_REQUIRED,
        ModerationDecision.REJECTED,
    )


# The dashboard.


def test_the_dashboard_panel_gives_pending_count_oldest_age_and_median_decision_time(
    client_as, moderator, consumer
):
    now = timezone.now()
    held_post(opened_at=now - timedelta(hours=3))
    held_post(opened_at=now - timedelta(hours=1))
    for waited in (1, 2, 6):  # decided within the week: the median is 2 hours
        case = held_post()
        ModerationCase.objects.filter(pk=case.pk).update(
            opened_at=now - timedelta(days=1, hours=waited),
            decided_at=now - timedelta(days=1),
            decision=ModerationDecision.APPROVED,
        )
    old = held_post()  # decided 8 days ago after 100 hours: outside the week
    ModerationCase.objects.filter(pk=old.pk).update(
        opened_at=now - timedelta(days=8, hours=100),
        decided_at=now - timedelta(days=8),
        decision=ModerationDecision.REJECTED,
    )

    figures = moderation_figures(now)
    assert figures["pending"] == 2
    assert figures["oldest_opened_at"] == now - timedelta(hours=3)
    assert figures["median_decision_time"] == timedelta(hours=2)
    assert figures["decided"] == 3

    html = client_as(moderator).get("/admin/").content.decode()
    assert '<dd data-figure="pending">2</dd>' in html
    assert "3\xa0hours" in html
    assert "2\xa0hours (over 3 decisions)" in html
    assert QUEUE in html


def test_the_dashboard_panel_says_when_nothing_was_decided(client_as, editor):
    html = client_as(editor).get("/admin/").content.decode()
    assert '<dd data-figure="pending">0</dd>' in html
    assert "No decision in the last 7 days" in html


# The words and reasons moderators keep.


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_moderators_and_editors_keep_watched_words_and_rejection_reasons(client_as, role):
    client = client_as(create_user(role))
    html = client.get("/admin/").content.decode()
    assert "/admin/moderation/watched-words/" in html
    assert "/admin/moderation/rejection-reasons/" in html
    response = client.post(
        "/admin/moderation/watched-words/add/", {"word": "casino", "action": "block"}
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/moderation/rejection-reasons/add/",
        {"title": "Spam", "text": "Advertising is not allowed."},
    )
    assert response.status_code == 302
    assert client.get("/admin/moderation/watched-words/").status_code == 200
    assert RejectionReason.objects.get().title == "Spam"


def test_consumers_cannot_reach_watched_words(client_as, consumer):
    response = client_as(consumer).get("/admin/moderation/watched-words/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_the_post_link_shows_a_held_topic_to_those_who_decide(client_as, role):
    case = held_post(topic_head=True, subject="Pebble soap", content="Smooth and flat.")
    client = client_as(create_user(role))
    html = client.get(QUEUE).content.decode()
    link = f"/forum/moderation/queue/{case.post_id}/"
    assert f'href="{link}"' in html
    assert "Smooth and flat." in client.get(link).content.decode()

"""Bans: moderators bar a member for a time or for good; the member is told why and until when."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.models import ModelLogEntry

from community import permissions
from community.actions import ActionRefused, do_ban_user, do_lift_ban, do_vote_for_idea
from community.models import Ban, IdeaVote, PostReport, VariantVote

# Aliased: pytest would collect names starting with "Test" as test classes.
from community.models import TesterApplication as Application
from tests.community.notifying import EMPTY_FORMSETS, create_reply, reply_url, topic_url
from tests.factories import create_campaign, create_topic, create_user, variant_vote_block
from tests.factories import tester_call_block as call_block

pytestmark = pytest.mark.django_db

REASON = "Spam <script>alert('ban')</script>"
ESCAPED_REASON = "Spam &lt;script&gt;alert(&#x27;ban&#x27;)&lt;/script&gt;"
FOR_GOOD = "You cannot take part any more, this ban is for good: "
LISTING = "/admin/moderation/bans/"


def refusal_of(call):
    with pytest.raises(ActionRefused) as refused:
        call()
    return refused.value


def expired_ban(user, by):
    """A ban that ended yesterday (the action only takes future ends)."""
    now = timezone.now()
    return Ban.objects.create(
        user=user,
        reason="Old",
        starts_at=now - timedelta(days=8),
        ends_at=now - timedelta(days=1),
        banned_by=by,
    )


# Banning and lifting.


def test_a_moderator_bans_a_member_until_a_date_and_it_is_logged(consumer, moderator):
    until = timezone.now() + timedelta(days=7)

    ban = do_ban_user(consumer, moderator, f"  {REASON} ", ends_at=until)

    assert (ban.user, ban.reason, ban.ends_at, ban.banned_by) == (
        consumer,
        REASON,
        until,
        moderator,
    )
    assert permissions.active_ban(consumer) == ban
    entry = ModelLogEntry.objects.get(action="community.ban.add")
    assert (entry.user, entry.object_id) == (moderator, str(ban.pk))
    assert entry.data == {"user": consumer.pk, "until": until.isoformat(), "replaces": []}


def test_banning_a_banned_member_replaces_the_ban_in_force(consumer, moderator):
    first = do_ban_user(consumer, moderator, "First", ends_at=timezone.now() + timedelta(days=1))

    second = do_ban_user(consumer, moderator, "Second, for good")

    first.refresh_from_db()
    assert first.lifted_at is not None
    assert (first.lifted_by, first.lift_reason) == (moderator, "Replaced by a new ban.")
    assert list(Ban.objects.in_force().filter(user=consumer)) == [second]
    assert second.is_permanent
    assert ModelLogEntry.objects.get(action="community.ban.add", object_id=str(second.pk)).data[
        "replaces"
    ] == [first.pk]
    lift = ModelLogEntry.objects.get(action="community.ban.lift")
    assert (lift.object_id, lift.data) == (str(first.pk), {"replaced_by": second.pk})


@pytest.mark.parametrize("role", ["consumer", "editor"])
def test_only_moderators_ban(consumer, role):
    with pytest.raises(PermissionDenied):
        do_ban_user(consumer, create_user(role), REASON)
    assert not Ban.objects.exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("self", "You cannot ban yourself."),
        ("admin", "Administrators cannot be banned."),
        ("moderator", "Moderators and editors cannot be banned: remove their role first."),
        ("editor", "Moderators and editors cannot be banned: remove their role first."),
    ],
)
def test_moderators_cannot_ban_themselves_administrators_or_staff(moderator, target, message):
    user = moderator if target == "self" else create_user(target)

    refusal = refusal_of(lambda: do_ban_user(user, moderator, REASON))

    assert (refusal.status, refusal.message) == (403, message)
    assert not Ban.objects.exists()


@pytest.mark.parametrize(
    ("reason", "ends_in", "message"),
    [
        ("", None, "Give the reason the member will be shown."),
        ("x" * 1001, None, "Keep the reason to 1000 characters at most"),
        ("Spam", timedelta(minutes=-1), "The end of a ban must be in the future."),
    ],
)
def test_a_ban_needs_a_reason_and_a_future_end(consumer, moderator, reason, ends_in, message):
    ends_at = timezone.now() + ends_in if ends_in else None

    refusal = refusal_of(lambda: do_ban_user(consumer, moderator, reason, ends_at=ends_at))

    assert refusal.status == 400
    assert message in refusal.message
    assert not Ban.objects.exists()


def test_lifting_a_ban_ends_it_now_and_is_logged(consumer, moderator):
    ban = do_ban_user(consumer, moderator, REASON)
    assert permissions.active_ban(consumer) == ban

    do_lift_ban(ban, moderator, "Apologised")

    ban.refresh_from_db()
    assert ban.lifted_at is not None
    assert (ban.lifted_by, ban.lift_reason) == (moderator, "Apologised")
    # The answer is kept on each user object, as on each request's user: a new one asks again.
    assert permissions.active_ban(type(consumer).objects.get(pk=consumer.pk)) is None
    entry = ModelLogEntry.objects.get(action="community.ban.lift")
    assert (entry.user, entry.object_id, entry.data) == (
        moderator,
        str(ban.pk),
        {"user": consumer.pk},
    )


def test_a_ban_no_longer_in_force_cannot_be_lifted(consumer, moderator):
    ban = do_ban_user(consumer, moderator, REASON)
    do_lift_ban(ban, moderator, "Apologised")

    refusal = refusal_of(lambda: do_lift_ban(ban, moderator, "Again"))
    assert refusal.status == 409
    refusal = refusal_of(lambda: do_lift_ban(expired_ban(consumer, moderator), moderator, "Late"))
    assert refusal.status == 409
    assert ModelLogEntry.objects.filter(action="community.ban.lift").count() == 1


def test_lifting_needs_a_reason_and_the_permission(consumer, moderator, editor):
    ban = do_ban_user(consumer, moderator, REASON)

    assert (
        "Say why the ban is lifted" in refusal_of(lambda: do_lift_ban(ban, moderator, " ")).message
    )
    with pytest.raises(PermissionDenied):
        do_lift_ban(ban, editor, "Because")
    ban.refresh_from_db()
    assert ban.lifted_at is None


def test_an_expired_ban_no_longer_applies(consumer, moderator):
    expired_ban(consumer, moderator)
    topic = create_topic(forum=create_campaign().forum)

    assert permissions.active_ban(consumer) is None
    do_vote_for_idea(topic, acting_user=consumer)
    assert IdeaVote.objects.filter(voter=consumer).exists()


def test_a_ban_is_looked_up_once_per_user_object(consumer, moderator, django_assert_num_queries):
    do_ban_user(consumer, moderator, REASON)
    with django_assert_num_queries(1):
        permissions.active_ban(consumer)
        permissions.active_ban(consumer)


# A banned member is refused everywhere they would take part, and told why.


@pytest.fixture
def banned(consumer, moderator):
    do_ban_user(consumer, moderator, REASON)
    return consumer


def assert_refused_with_reason(response, prefix=FOR_GOOD):
    assert response.status_code == 403
    assert prefix + ESCAPED_REASON in response.content.decode()
    assert "<script>alert(" not in response.content.decode()


def test_a_banned_member_cannot_start_a_topic(client_as, banned):
    forum = create_campaign().forum
    url = f"/forum/forum/{forum.slug}-{forum.pk}/topic/create/"
    client = client_as(banned)

    assert_refused_with_reason(client.get(url))
    data = {"subject": "New", "content": "Hello", "topic_type": "0"}
    assert_refused_with_reason(client.post(url, data))
    assert not Topic.objects.filter(forum=forum).exists()


def test_a_banned_member_cannot_reply_or_edit_their_posts(client_as, consumer, moderator):
    topic = create_topic(forum=create_campaign().forum)
    own = create_reply(topic, consumer, content="Before the ban")
    until = timezone.now() + timedelta(days=30)
    do_ban_user(consumer, moderator, REASON, ends_at=until)
    client = client_as(consumer)

    prefix = "You cannot take part until "
    response = client.post(reply_url(topic), {"subject": "Re", "content": "Hi", **EMPTY_FORMSETS})
    assert_refused_with_reason(response, prefix="")
    assert prefix in response.content.decode()
    assert str(until.astimezone(timezone.get_current_timezone()).year) in response.content.decode()
    edit_url = f"{topic_url(topic)}{own.pk}/post/update/"
    assert_refused_with_reason(client.post(edit_url, {"subject": "Re", "content": "Edited"}), "")
    own.refresh_from_db()
    assert own.content.raw == "Before the ban"
    assert Post.objects.filter(topic=topic).count() == 2


def test_a_banned_member_cannot_vote_for_an_idea(client_as, banned):
    topic = create_topic(forum=create_campaign().forum)

    response = client_as(banned).post(f"/community/ideas/{topic.pk}/vote/")

    assert_refused_with_reason(response)
    assert not IdeaVote.objects.exists()


def test_a_banned_member_cannot_vote_in_a_topic_poll(client_as, banned):
    from machina.apps.forum_conversation.forum_polls.models import (
        TopicPoll,
        TopicPollOption,
        TopicPollVote,
    )

    poll = TopicPoll.objects.create(topic=create_topic(), question="Which scent?", max_options=1)
    option = TopicPollOption.objects.create(poll=poll, text="Fig")

    response = client_as(banned).post(f"/forum/poll/{poll.pk}/vote/", {"options": [option.pk]})

    assert_refused_with_reason(response)
    assert not TopicPollVote.objects.exists()
    voter = create_user()
    response = client_as(voter).post(f"/forum/poll/{poll.pk}/vote/", {"options": [option.pk]})
    assert response.status_code == 302
    assert list(TopicPollVote.objects.values_list("voter", flat=True)) == [voter.pk]


def test_a_banned_member_cannot_vote_for_a_variant_or_apply_as_tester(client_as, banned):
    campaign = create_campaign(body=[variant_vote_block(), call_block()])
    question_id, question = next(iter(campaign.variant_questions.items()))
    variant_id = question["variants"].bound_blocks[0].id
    call_id = next(block.id for block in campaign.body if block.block_type == "tester_call")
    client = client_as(banned)

    vote = client.post(f"{campaign.url}vote/{question_id}/", {"variant": variant_id})
    application = client.post(
        f"{campaign.url}apply/{call_id}/",
        {"motivation": "Me", "availability": "Now", "consent_to_contact": "on"},
    )

    assert_refused_with_reason(vote)
    assert_refused_with_reason(application)
    assert not VariantVote.objects.exists()
    assert not Application.objects.exists()


def test_a_banned_member_cannot_report(client_as, banned):
    topic = create_topic(forum=create_campaign().forum)

    response = client_as(banned).post(
        f"/community/posts/{topic.first_post_id}/report/", {"reason": "Rude"}
    )

    assert_refused_with_reason(response)
    assert not PostReport.objects.exists()


def test_a_banned_member_may_still_read_and_edit_their_profile(client, client_as, banned):
    client = client_as(banned)
    topic = create_topic(forum=create_campaign().forum)
    assert client.get(topic_url(topic)).status_code == 200
    settings_page = client.get("/community/account/").content.decode()
    assert FOR_GOOD + ESCAPED_REASON in settings_page

    response = client.post(
        "/community/account/",
        {
            "credit_preference": "pseudonym",
            "pseudonym": "Quiet Fig",
            "notification_frequency": "never",
        },
    )

    assert response.status_code == 302
    banned.contributor_profile.refresh_from_db()
    assert banned.contributor_profile.pseudonym == "Quiet Fig"


def test_a_lifted_ban_lets_the_member_take_part_again(client_as, consumer, moderator):
    ban = do_ban_user(consumer, moderator, REASON)
    topic = create_topic(forum=create_campaign().forum)
    client = client_as(consumer)
    assert client.post(f"/community/ideas/{topic.pk}/vote/").status_code == 403

    do_lift_ban(ban, moderator, "Apologised")

    assert client.post(f"/community/ideas/{topic.pk}/vote/").status_code == 302
    assert IdeaVote.objects.filter(voter=consumer).exists()


# The admin screens.


def ban_form(user, reason=REASON, ends_at=""):
    return {"user": user.username, "reason": reason, "ends_at": ends_at}


def test_the_add_view_is_named_for_the_queue_and_prefilled_from_the_query(client_as, moderator):
    member = create_user(username="fig_fan")
    url = reverse("community_bans:add")
    assert url == f"{LISTING}new/"

    page = client_as(moderator).get(f"{url}?user={member.pk}").content.decode()

    assert 'value="fig_fan"' in page


def test_a_moderator_bans_from_the_admin_by_e_mail_and_lifts_the_ban(client_as, moderator):
    member = create_user(email="Fig.Fan@example.com")
    client = client_as(moderator)

    response = client.post(
        f"{LISTING}new/",
        {"user": "fig.fan@EXAMPLE.com", "reason": REASON, "ends_at": ""},
    )

    assert response.status_code == 302
    ban = Ban.objects.get()
    assert (ban.user, ban.banned_by, ban.ends_at) == (member, moderator, None)
    listing = client.get(LISTING).content.decode()
    assert ESCAPED_REASON in listing
    assert "<script>alert(" not in listing
    assert "In force" in listing
    assert "For good" in listing
    detail = client.get(f"{LISTING}{ban.pk}/").content.decode()
    assert ESCAPED_REASON in detail
    assert "<script>alert(" not in detail
    assert f"{LISTING}{ban.pk}/lift/" in detail

    response = client.post(f"{LISTING}{ban.pk}/lift/", {"reason": "Apologised <b>nicely</b>"})

    assert response.status_code == 302
    ban.refresh_from_db()
    assert ban.lift_reason == "Apologised <b>nicely</b>"
    detail = client.get(f"{LISTING}{ban.pk}/").content.decode()
    assert "Apologised &lt;b&gt;nicely&lt;/b&gt;" in detail
    assert f"{LISTING}{ban.pk}/lift/" not in detail
    assert "Ended" in client.get(LISTING).content.decode()
    history = client.get(f"{LISTING}{ban.pk}/history/")
    assert history.status_code == 200
    assert "Ban lifted" in history.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"user": "nobody"}, "No member has this username or e-mail address."),
        ({"user": "shared@example.com"}, "Several members have this e-mail address"),
        ({"reason": ""}, "This field is required."),
        ({"self": True}, "You cannot ban yourself."),
    ],
)
def test_the_admin_form_refuses_with_a_message(client_as, moderator, data, message):
    member = create_user()
    create_user(email="shared@example.com")
    create_user(email="Shared@example.com")
    form = ban_form(moderator if data.pop("self", False) else member)
    form.update(data)

    response = client_as(moderator).post(f"{LISTING}new/", form)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Ban.objects.exists()


def test_lifting_from_the_admin_without_a_reason_changes_nothing(client_as, consumer, moderator):
    ban = do_ban_user(consumer, moderator, REASON)

    response = client_as(moderator).post(f"{LISTING}{ban.pk}/lift/", {"reason": ""}, follow=True)

    assert "Say why the ban is lifted" in response.content.decode()
    ban.refresh_from_db()
    assert ban.lifted_at is None


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("consumer", False),
        ("editor", False),
        ("moderator", True),
        ("admin", True),
    ],
)
def test_the_ban_screens_permission_matrix(client, client_as, consumer, role, allowed):
    ban = do_ban_user(consumer, create_user("moderator"), REASON)
    member = create_user()
    if role != "anonymous":
        client = client_as(create_user(role))
    refused_to = "/admin/login/" if role in ("anonymous", "consumer") else "/admin/"

    responses = [
        client.get(LISTING),
        client.get(f"{LISTING}new/"),
        client.get(f"{LISTING}{ban.pk}/"),
        client.post(f"{LISTING}new/", ban_form(member)),
        client.post(f"{LISTING}{ban.pk}/lift/", {"reason": "Because"}),
    ]

    if allowed:
        assert [response.status_code for response in responses] == [200, 200, 200, 302, 302]
        assert Ban.objects.filter(user=member).exists()
        ban.refresh_from_db()
        assert ban.lifted_at is not None
    else:
        for response in responses:
            assert response.status_code in (302, 403)
            if response.status_code == 302:
                assert response["Location"].startswith(refused_to)
        assert not Ban.objects.filter(user=member).exists()
        ban.refresh_from_db()
        assert ban.lifted_at is None


def test_the_bans_menu_is_shown_to_moderators_only(client_as, moderator, editor):
    assert LISTING in client_as(moderator).get("/admin/").content.decode()
    assert LISTING not in client_as(editor).get("/admin/").content.decode()


def test_the_listing_filters_bans_in_force_and_finds_members(client_as, moderator):
    current = do_ban_user(create_user(username="still_banned"), moderator, "Spam")
    old = expired_ban(create_user(username="long_ago"), moderator)
    client = client_as(moderator)

    in_force = client.get(f"{LISTING}?in_force=yes").content.decode()
    ended = client.get(f"{LISTING}?in_force=no").content.decode()
    found = client.get(f"{LISTING}?q=long_ago").content.decode()

    assert f"{LISTING}{current.pk}/" in in_force and f"{LISTING}{old.pk}/" not in in_force
    assert f"{LISTING}{old.pk}/" in ended and f"{LISTING}{current.pk}/" not in ended
    assert f"{LISTING}{old.pk}/" in found and f"{LISTING}{current.pk}/" not in found


@pytest.mark.parametrize("size", [2, 12])
def test_the_listing_queries_do_not_grow_with_bans(
    client_as, moderator, django_assert_max_num_queries, size
):
    for _ in range(size):
        do_ban_user(create_user(), create_user("moderator"), REASON)
    client = client_as(moderator)
    client.get(LISTING)

    with django_assert_max_num_queries(LISTING_MAX_QUERIES):
        response = client.get(LISTING)
    assert response.content.decode().count(ESCAPED_REASON) == size


# Session, user, their permissions and admin profile, the bans' count, locales, the admin menu's
# page, collection and site permissions, the moderation menu's pending count, and the bans with
# their members and who banned them.
LISTING_MAX_QUERIES = 12

"""Right to erasure: a member deletes their account, keeping or removing their posts."""

import json

import pytest
from django.contrib.auth import get_user_model
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_member.models import ForumProfile
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from community.actions import ActionRefused, do_delete_account, do_hold_post, do_set_avatar
from community.actions.story_consents import do_answer_story_consent
from community.models import (
    CommunityStoryPage,
    ContributorConsentTask,
    Follow,
    Idea,
    IdeaVote,
    ModerationReason,
    Notification,
    VariantVote,
)
from community.models import TesterApplication as Application
from community.results import vote_counts
from tests.community.privacy import (
    DELETE_URL,
    MEMBER_EMAIL,
    MEMBER_PSEUDONYM,
    assert_forum_counters_right,
    assert_vote_counts_match_rows,
    create_members,
    publish_story_quoting,
    take_part,
)
from tests.community.stories import promote, submit, topic_url
from tests.community.test_account_settings import image_file
from tests.factories import DEFAULT_PASSWORD, create_reply, create_stories_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def done(editor, committed):
    member, other = create_members()
    done = take_part(member, other)
    publish_story_quoting(done, editor, committed)
    return done


def delete(client, posts, password=DEFAULT_PASSWORD):
    return client.post(DELETE_URL, {"posts": posts, "password": password})


def member_exists():
    return get_user_model().objects.filter(email=MEMBER_EMAIL).exists()


def test_kept_posts_stay_by_a_former_member_everywhere(client_as, client, done, editor):
    own, theirs = done.own_topics[0], done.other_topics[0]
    response = delete(client_as(done.member), "keep")

    assert response.status_code == 302
    assert not member_exists()
    ids = [own.first_post_id, done.solo_topics[0].first_post_id, done.member_replies[0].pk]
    kept = Post.objects.filter(pk__in=ids)
    assert kept.count() == 3  # two opening posts and a reply
    assert set(kept.values_list("poster", "anonymous_key")) == {(None, "former-member")}
    assert not Topic.objects.filter(poster__isnull=False, subject__startswith="Member")
    assert_forum_counters_right()
    client.logout()
    for url in (
        topic_url(own),
        topic_url(theirs),
        f"/forum/forum/{own.forum.slug}-{own.forum.pk}/",
    ):
        html = client.get(url).content.decode()
        assert "A former member" in html, url
        assert MEMBER_PSEUDONYM.replace("&", "&amp;") not in html, url
    assert "A former member" in client.get("/forum/").content.decode()
    head = json.dumps(topic_json_ld(client, own))
    assert '"name": "A former member"' in head and "Fig" not in head
    feed = client.get(f"{done.campaigns[0].url}ideas/feed/").content.decode()
    assert ">A former member</dc:creator>" in feed
    reply = done.member_replies[0]
    search = client.get("/search/?q=reply").content.decode()
    assert f"?post={reply.pk}#{reply.pk}" in search and "Fig" not in search
    campaign = done.campaigns[0]
    url = f"/admin/insights/campaigns/{campaign.pk}/table/contributors/?period=all&export=csv"
    response = client_as(editor).get(url)
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[1:] == ["Former members,2,1", "Ana Lima,1,1"]


def topic_json_ld(client, topic):
    from tests.brandsite.seo.conftest import json_ld, of_type

    return of_type(json_ld(client.get(topic_url(topic))), "DiscussionForumPosting")


def test_removed_posts_leave_threads_whole_and_counters_right(client_as, client, done):
    own, solo, theirs = done.own_topics[0], done.solo_topics[0], done.other_topics[0]
    response = delete(client_as(done.member), "remove")

    assert response.status_code == 302
    # A topic nobody else wrote in goes; one with others' replies keeps them, without the words.
    assert not Topic.objects.filter(pk=solo.pk).exists()
    opening = Post.objects.get(pk=own.first_post_id)
    assert opening.content.raw == "This message was removed at its author's request."
    assert opening.poster_id is None
    assert Post.objects.filter(topic=own, content="Other's answer 0").exists()
    assert not Post.objects.filter(content__contains="Member reply").exists()
    assert Topic.objects.get(pk=theirs.pk).posts_count == 1
    assert_forum_counters_right()
    client.logout()
    html = client.get(topic_url(own)).content.decode()
    assert "This message was removed at its author" in html and "A former member" in html


def test_posts_waiting_for_a_moderator_are_removed_even_when_posts_are_kept(client_as, done):
    theirs = done.other_topics[0]
    held = create_reply(theirs, poster=done.member, content="Held for review", approved=False)
    do_hold_post(held, ModerationReason.LINKS)
    delete(client_as(done.member), "keep")
    assert not Post.objects.filter(pk=held.pk).exists()
    assert Post.objects.filter(pk=done.member_replies[0].pk, poster=None).exists()
    assert_forum_counters_right()


def test_the_avatar_file_goes_once_the_deletion_commits(
    client_as, done, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    do_set_avatar(done.member, image_file(), acting_user=done.member)
    name = ForumProfile.objects.get(user=done.member).avatar.name
    assert (tmp_path / name).exists()
    client = client_as(done.member)
    with django_capture_on_commit_callbacks(execute=True):
        delete(client, "keep")
    assert not (tmp_path / name).exists()


def test_a_story_waiting_only_for_the_member_goes_on_to_the_editors(editor, committed):
    member, other = create_members()
    done = take_part(member, other)
    create_stories_index()
    story = promote(done.other_topics[0], editor, replies=[done.member_replies[0]])
    with committed():
        submit(story, editor)
    do_answer_story_consent(story, acting_user=other, accept=True)
    story = CommunityStoryPage.objects.get(pk=story.pk)
    assert isinstance(story.current_workflow_task.specific, ContributorConsentTask)

    do_delete_account(member, acting_user=member, keep_posts=True)

    story = CommunityStoryPage.objects.get(pk=story.pk)
    assert story.current_workflow_task.name == "Editors' approval"
    latest = story.get_latest_revision_as_object()
    assert latest.contributor_ids == [other.pk]


def test_votes_are_taken_back_and_every_count_follows_its_rows(client_as, done):
    theirs = Idea.objects.get(pk=done.other_topics[0].pk)
    campaign = done.campaigns[0]
    assert theirs.votes_count == 2
    delete(client_as(done.member), "keep")

    assert not IdeaVote.objects.filter(voter_id=done.member.pk).exists()
    theirs.refresh_from_db()
    assert theirs.votes_count == 1
    assert_vote_counts_match_rows()
    assert sum(vote_counts(campaign)[next(iter(campaign.variant_questions))].values()) == 1
    assert VariantVote.objects.count() == 1


@pytest.mark.parametrize("posts", ["keep", "remove"])
def test_the_story_names_the_member_anonymous_in_every_version(posts, client_as, client, done):
    story = done.story
    assert MEMBER_PSEUDONYM.replace("&", "&amp;") in client.get(story.url).content.decode()
    delete(client_as(done.member), posts)
    client.logout()

    html = client.get(story.url).content.decode()
    assert "Fig &amp; Moss" not in html
    assert "<figcaption>Anonymous contributor" in html  # the quote
    assert '<li>Anonymous contributor <span class="story-credits__role">' in html
    assert "Ana Lima" in html  # the other member, the idea's author, keeps their credit
    story = CommunityStoryPage.objects.get(pk=story.pk)
    revisions = Revision.page_revisions.filter(object_id=str(story.pk))
    assert story.live_revision_id in set(revisions.values_list("pk", flat=True))
    assert all(MEMBER_PSEUDONYM not in json.dumps(rev.content) for rev in revisions)
    assert MEMBER_PSEUDONYM not in str(story.live_revision.as_object().body.raw_data)
    assert PageLogEntry.objects.filter(page=story, action="community.story.credit_anonymised")
    quote = next(block.value for block in story.body if block.block_type == "quote")
    assert quote["contributor"] is None
    assert bool(quote["post_url"]) == (posts == "keep")


def test_the_audit_log_records_who_when_which_choice_and_counts_without_personal_data(
    client_as, done, admin_user
):
    member = done.member
    delete(client_as(member), "remove")

    entry = ModelLogEntry.objects.get(action="community.account.delete")
    assert entry.user_id == member.pk and entry.object_id == str(member.pk)
    assert entry.label == f"user {member.pk} (deleted)"
    assert entry.data["posts"] == "removed"
    assert entry.data["posts_removed"] == 2 and entry.data["topics_removed"] == 1
    assert entry.data["openings_replaced"] == 1
    assert entry.data["idea_votes_removed"] == 1 and entry.data["variant_votes_removed"] == 1
    assert entry.data["stories_anonymised"] == [done.story.pk]
    # Older entries about the member's own rows no longer carry their username either.
    for old in ModelLogEntry.objects.all():
        text = json.dumps([old.label, old.data])
        for personal in ("camille", MEMBER_EMAIL, MEMBER_PSEUDONYM):
            assert personal not in text, old.action
    history = client_as(admin_user).get("/admin/reports/site-history/").content.decode()
    assert "Account deleted by its owner with its posts: 2 posts and 1 topics removed" in history


def test_the_member_is_signed_out_and_may_sign_up_again_with_the_same_address(client_as, done):
    client = client_as(done.member)
    delete(client, "keep")
    assert client.get("/community/account/")["Location"].startswith("/accounts/login/")
    response = client.post(
        "/accounts/signup/",
        {
            "email": MEMBER_EMAIL,
            "password1": "a new and long passphrase",
            "password2": "a new and long passphrase",
            "credit_preference": "anonymous",
            "accept_terms": "on",
            "accept_licence": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert get_user_model().objects.get(email=MEMBER_EMAIL).pk != done.member.pk


def everything_of(done):
    member = done.member
    return (
        get_user_model().objects.filter(pk=member.pk).count(),
        Post.objects.filter(poster=member).count(),
        Topic.objects.filter(poster=member).count(),
        IdeaVote.objects.filter(voter=member).count(),
        VariantVote.objects.filter(voter=member).count(),
        Follow.objects.filter(user=member).count(),
        Notification.objects.filter(recipient=member).count(),
        Application.objects.filter(applicant=member).count(),
        sorted(Topic.objects.values_list("pk", "posts_count")),
        json.dumps(list(CommunityStoryPage.objects.get(pk=done.story.pk).body.raw_data)),
        ModelLogEntry.objects.count(),
    )


def test_a_wrong_password_or_no_choice_changes_nothing(client_as, done):
    before = everything_of(done)
    client = client_as(done.member)
    response = delete(client, "remove", password="not my password")
    assert response.status_code == 400
    assert "Incorrect password." in response.content.decode()
    response = client.post(DELETE_URL, {"password": DEFAULT_PASSWORD})
    assert response.status_code == 400
    assert "Choose what becomes of your posts." in response.content.decode()
    assert everything_of(done) == before
    assert client.get("/community/account/").status_code == 200  # still signed in


def test_password_guessing_is_rate_limited_like_sign_in(client_as, consumer):
    client = client_as(consumer)
    for _attempt in range(5):  # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per 5 minutes per account
        assert delete(client, "keep", password="guess").status_code == 400
    response = delete(client, "keep")
    assert response.status_code == 400
    assert "Too many failed login attempts" in response.content.decode()
    assert get_user_model().objects.filter(pk=consumer.pk).exists()


def test_a_failure_half_way_leaves_everything_as_it_was(done, monkeypatch):
    before = everything_of(done)

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("community.actions.accounts.remove_posts", fail)
    with pytest.raises(RuntimeError):
        do_delete_account(done.member, acting_user=done.member, keep_posts=False)
    assert everything_of(done) == before
    assert_vote_counts_match_rows()


def test_visitors_are_sent_to_sign_in(client, db):
    for response in (client.get(DELETE_URL), delete(client, "keep")):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("role", ["moderator", "editor", "admin_user"])
def test_accounts_with_an_admin_role_are_closed_by_an_administrator(role, client_as, request):
    user = request.getfixturevalue(role)
    client = client_as(user)
    assert client.get(DELETE_URL).status_code == 403
    response = delete(client, "keep")
    assert response.status_code == 403
    assert "closed by an administrator" in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_nobody_deletes_someone_elses_account(consumer, moderator):
    with pytest.raises(ActionRefused):
        do_delete_account(consumer, acting_user=moderator, keep_posts=True)
    assert get_user_model().objects.filter(pk=consumer.pk).exists()


@pytest.fixture
def pseudo_translated(monkeypatch):
    """Every string that goes through gettext comes out between ⟦ ⟧: unmarked text shows bare."""
    from django.utils import translation

    for name in ("gettext", "ngettext", "pgettext", "npgettext"):
        real = getattr(translation._trans, name)  # Django caches the function on first use
        monkeypatch.setattr(translation._trans, name, lambda *args, real=real: f"⟦{real(*args)}⟧")


def untranslated_words(response):
    """Words of the account panel that did not go through gettext."""
    import re

    from lxml import html

    panel = html.fromstring(response.content).xpath('//div[contains(@class, "account-panel")]')[0]
    text = " ".join(panel.xpath(".//text()"))
    assert "⟦" in text
    while (bare := re.sub(r"⟦[^⟦⟧]*⟧", "", text)) != text:  # innermost first: nested messages
        text = bare
    return re.findall(r"\w+", text)


def test_every_word_of_the_new_pages_is_marked_for_translation(
    client_as, client, done, pseudo_translated
):
    member_client = client_as(done.member)
    for url in ("/community/account/", DELETE_URL):
        assert untranslated_words(member_client.get(url)) == [], url
    assert untranslated_words(delete(member_client, "keep", password="wrong")) == []
    delete(member_client, "keep")
    client.logout()
    own = done.own_topics[0]
    for url in (topic_url(own), f"/forum/forum/{own.forum.slug}-{own.forum.pk}/", "/forum/"):
        assert "⟦A former member⟧" in client.get(url).content.decode(), url

"""A story's workflow: contributors' consent, the editors' approval, publishing and withdrawal."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry, PageLogEntry, TaskState, WorkflowState

from community.actions import ActionRefused
from community.actions.story_consents import do_answer_story_consent, do_override_story_consents
from community.models import (
    BadgeAward,
    CommunityStoryPage,
    ConsentState,
    ContributorConsentTask,
    Idea,
    Notification,
    NotificationKind,
    StoryConsent,
    StoryCredit,
)
from community.stories import STORY_WORKFLOW_NAME
from tests.community.stories import idea_with_replies, promote, submit, topic_url
from tests.factories import create_stories_index, create_topic, create_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def story(editor):
    create_stories_index()
    topic, (reply,) = idea_with_replies()
    return promote(topic, editor, replies=[reply])


def contributors(story):
    idea = story.source_idea
    reply_author = next(b.value["contributor"] for b in story.body if b.block_type == "quote")
    return idea.topic.poster, type(idea.topic.poster).objects.get(pk=reply_author)


def current_task(story):
    return CommunityStoryPage.objects.get(pk=story.pk).current_workflow_task


def answer_all(story, accept=True):
    for user in contributors(story):
        do_answer_story_consent(story, acting_user=user, accept=accept)


def approve(story, editor):
    task_state = CommunityStoryPage.objects.get(pk=story.pk).current_workflow_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")


def test_the_stories_index_gets_the_story_workflow_and_moderators_may_draft_there(moderator):
    index = create_stories_index()
    workflow = index.get_workflow()
    assert workflow.name == STORY_WORKFLOW_NAME
    tasks = [task.specific for task in workflow.tasks]
    assert isinstance(tasks[0], ContributorConsentTask)
    assert [group.name for group in tasks[1].groups.all()] == ["Editors"]
    permissions = index.permissions_for_user(moderator)
    assert permissions.can_add_subpage() and permissions.can_edit()
    assert not permissions.can_publish_subpage()
    assert create_stories_index().get_workflow().pk == workflow.pk


def test_submitting_asks_each_contributor_on_site_and_by_email(story, editor, committed):
    author, replier = contributors(story)
    with committed():
        submit(story, editor)
    assert isinstance(current_task(story).specific, ContributorConsentTask)
    consents = StoryConsent.objects.filter(story=story)
    assert sorted(c.user_id for c in consents) == sorted([author.pk, replier.pk])
    assert {c.state for c in consents} == {ConsentState.REQUESTED}
    requests = Notification.objects.filter(kind=NotificationKind.CONSENT_REQUEST)
    assert sorted(n.recipient_id for n in requests) == sorted([author.pk, replier.pk])
    assert {message.to[0] for message in mail.outbox} == {author.email, replier.email}
    assert f"/community/stories/{story.pk}/consent/" in mail.outbox[0].body
    assert PageLogEntry.objects.filter(
        page=story, action="community.story.consent_request"
    ).exists()


def test_the_task_waits_for_every_answer_then_the_editors_approve(story, editor):
    author, replier = contributors(story)
    submit(story, editor)
    do_answer_story_consent(story, acting_user=author, accept=True)
    assert isinstance(current_task(story).specific, ContributorConsentTask)
    do_answer_story_consent(story, acting_user=replier, accept=False)
    assert current_task(story).name == "Editors' approval"
    consent_state = TaskState.objects.get(task__in=ContributorConsentTask.objects.all())
    assert consent_state.status == TaskState.STATUS_APPROVED
    actions = set(PageLogEntry.objects.filter(page=story).values_list("action", flat=True))
    assert {"community.story.consent_accept", "community.story.consent_decline"} <= actions


def test_an_answer_is_given_once_and_only_by_those_asked(story, editor):
    author, _replier = contributors(story)
    submit(story, editor)
    do_answer_story_consent(story, acting_user=author, accept=True)
    with pytest.raises(ActionRefused, match="already answered"):
        do_answer_story_consent(story, acting_user=author, accept=False)
    with pytest.raises(ActionRefused) as refusal:
        do_answer_story_consent(story, acting_user=create_user(), accept=True)
    assert refusal.value.status == 404


def test_an_editor_overrides_silent_contributors_with_a_logged_note(story, editor, moderator):
    author, replier = contributors(story)
    submit(story, editor)
    do_answer_story_consent(story, acting_user=author, accept=True)
    task_state = CommunityStoryPage.objects.get(pk=story.pk).current_workflow_task_state
    task = task_state.task.specific
    assert task.get_actions(story, moderator) == []
    assert [action[0] for action in task.get_actions(story, editor)] == ["override"]
    with pytest.raises(ActionRefused):
        do_override_story_consents(story.pk, acting_user=moderator, note="Agreed by phone.")
    with pytest.raises(ActionRefused, match="note"):
        do_override_story_consents(story.pk, acting_user=editor, note="  ")

    task.on_action(task_state, editor, "override", note="Agreed by phone.")

    consent = StoryConsent.objects.get(story=story, user=replier)
    assert (consent.state, consent.note, consent.override_by) == (
        ConsentState.OVERRIDDEN,
        "Agreed by phone.",
        editor,
    )
    assert StoryConsent.objects.get(story=story, user=author).state == ConsentState.ACCEPTED
    assert current_task(story).name == "Editors' approval"
    entry = PageLogEntry.objects.get(page=story, action="community.story.consent_override")
    assert entry.user == editor and entry.data["note"] == "Agreed by phone."


def test_a_story_without_anyone_to_ask_goes_straight_to_the_editors(editor):
    create_stories_index()
    topic, _replies = idea_with_replies(replies=0)
    story = promote(topic, editor)
    story.body = [("paragraph", story.body[0].value)]
    story.save_revision(user=editor)
    submit(story, editor)
    assert current_task(story).name == "Editors' approval"


def test_publishing_promotes_the_idea_links_both_ways_tells_and_credits(
    story, editor, client, committed
):
    author, replier = contributors(story)
    follower = create_user()
    from community.models import Follow

    Follow.objects.create(user=follower, topic=story.source_idea.topic)
    submit(story, editor)
    answer_all(story)
    with committed():
        approve(story, editor)

    story = CommunityStoryPage.objects.get(pk=story.pk)
    assert story.live
    assert WorkflowState.objects.get(base_content_type__model="page").status == "approved"
    idea = Idea.objects.get(pk=story.source_idea_id)
    assert idea.status.slug == "promoted"
    assert story.title in idea.status_changes.last().reason
    assert ModelLogEntry.objects.filter(action="community.idea.status", object_id=str(idea.pk))
    promoted = Notification.objects.filter(kind=NotificationKind.PROMOTED)
    assert {n.recipient_id for n in promoted} == {author.pk, replier.pk, follower.pk}
    assert set(StoryCredit.objects.values_list("user_id", flat=True)) == {author.pk, replier.pk}
    assert BadgeAward.objects.filter(user=author, kind="idea_promoted").exists()
    assert not BadgeAward.objects.filter(user=replier, kind="idea_promoted").exists()

    topic_html = client.get(topic_url(idea.topic)).content.decode()
    assert "This idea became a story:" in topic_html
    assert f'<a href="{story.url}">{story.title}</a>' in topic_html
    story_html = client.get(story.url).content.decode()
    assert "Read the discussion" in story_html and topic_url(idea.topic) in story_html
    profile_html = client.get(f"/community/people/{replier.pk}/").content.decode()
    assert story.url in profile_html


def test_declined_contributors_are_anonymous_and_not_credited(story, editor, client, committed):
    author, replier = contributors(story)
    submit(story, editor)
    do_answer_story_consent(story, acting_user=author, accept=True)
    do_answer_story_consent(story, acting_user=replier, accept=False)
    with committed():
        approve(story, editor)
    story = CommunityStoryPage.objects.get(pk=story.pk)
    html = client.get(story.url).content.decode()
    replier_name = f"Replier {replier.pk}"
    assert replier_name not in html
    assert html.count("Anonymous contributor") == 2  # the quote and the credits
    assert f"Idea author {author.pk}" in html
    assert set(StoryCredit.objects.values_list("user_id", flat=True)) == {author.pk}


def test_unpublishing_withdraws_the_promotion_badge_link_and_credits(
    story, editor, client, committed
):
    author, replier = contributors(story)
    submit(story, editor)
    answer_all(story)
    with committed():
        approve(story, editor)
    story = CommunityStoryPage.objects.get(pk=story.pk)
    profile_url = f"/community/people/{replier.pk}/"
    assert story.url in client.get(profile_url).content.decode()

    story.unpublish(user=editor)

    idea = Idea.objects.get(pk=story.source_idea_id)
    assert idea.status.slug == "new"
    assert not BadgeAward.objects.filter(user=author, kind="idea_promoted").exists()
    assert "idea-story__link" not in client.get(topic_url(idea.topic)).content.decode()
    assert "A fig soap</a>" not in client.get(profile_url).content.decode()
    assert PageLogEntry.objects.filter(page=story, action="community.story.withdraw").exists()


def test_republishing_an_edit_does_not_tell_anyone_again(story, editor, committed):
    submit(story, editor)
    answer_all(story)
    with committed():
        approve(story, editor)
    story = CommunityStoryPage.objects.get(pk=story.pk)
    before = Notification.objects.filter(kind=NotificationKind.PROMOTED).count()
    with committed():
        story.save_revision(user=editor).publish(user=editor)
    assert Notification.objects.filter(kind=NotificationKind.PROMOTED).count() == before
    assert Idea.objects.get(pk=story.source_idea_id).status_changes.count() == 1


def publish_story(editor, subject):
    topic, (reply,) = idea_with_replies(subject=subject)
    story = promote(topic, editor, replies=[reply])
    story.save_revision(user=editor).publish(user=editor)
    return story


@pytest.mark.parametrize("stories", [1, 3])
def test_the_stories_index_lists_live_stories_in_constant_queries(
    stories, editor, client, django_assert_num_queries, uncached_pages
):
    index = create_stories_index()
    published = [publish_story(editor, f"Idea {number}") for number in range(stories)]
    draft_topic, _replies = idea_with_replies(subject="Still a draft")
    promote(draft_topic, editor)
    # Warms the site's root paths and layout (site_furniture), as any earlier request would.
    client.get(index.url)
    with django_assert_num_queries(7):
        html = client.get(index.url).content.decode()
    assert all(story.title in html for story in published)
    assert "Still a draft" not in html


def test_the_badge_stays_while_another_story_of_the_author_is_live(editor, committed):
    create_stories_index()
    first_topic, _replies = idea_with_replies(replies=0)
    second_topic = create_topic(forum=first_topic.forum, poster=first_topic.poster)
    stories = []
    for topic in (first_topic, second_topic):
        story = promote(topic, editor)
        with committed():
            story.save_revision(user=editor).publish(user=editor)
        stories.append(CommunityStoryPage.objects.get(pk=story.pk))
    author = first_topic.poster

    stories[0].unpublish(user=editor)
    award = BadgeAward.objects.get(user=author, kind="idea_promoted")
    assert award.idea_id == second_topic.pk

    CommunityStoryPage.objects.get(pk=stories[1].pk).unpublish(user=editor)
    assert not BadgeAward.objects.filter(user=author, kind="idea_promoted").exists()

"""Promotion and consent through HTTP: the topic button, the admin screen, the consent page."""

import pytest

from community.models import CommunityStoryPage, ConsentState, StoryConsent
from tests.community.stories import idea_with_replies, promote, promote_url, submit, topic_url
from tests.factories import create_reply, create_stories_index, create_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "consumer", "author", "moderator", "editor", "admin"]
MAY_PROMOTE = {"moderator", "editor", "admin"}


@pytest.fixture
def index():
    return create_stories_index()


@pytest.fixture
def idea(index):
    topic, (reply,) = idea_with_replies()
    return topic, reply


def sign_in_as(role, topic, client, request):
    if role == "anonymous":
        return client
    user = (
        topic.poster
        if role == "author"
        else request.getfixturevalue("admin_user" if role == "admin" else role)
    )
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_the_promote_button_shows_to_moderators_editors_and_admins_only(
    role, idea, client, request
):
    topic, _reply = idea
    html = sign_in_as(role, topic, client, request).get(topic_url(topic)).content.decode()
    assert ("Promote to a story" in html) == (role in MAY_PROMOTE)
    assert (promote_url(topic) in html) == (role in MAY_PROMOTE)


@pytest.mark.parametrize("role", ROLES)
def test_the_promotion_screen_is_for_moderators_editors_and_admins_only(
    role, idea, client, request
):
    topic, reply = idea
    client = sign_in_as(role, topic, client, request)
    shown = client.get(promote_url(topic))
    created = client.post(promote_url(topic), {"replies": [reply.pk], "summary": "Yes."})
    if role in MAY_PROMOTE:
        assert shown.status_code == 200
        story = CommunityStoryPage.objects.get()
        assert created.status_code == 302
        assert created.url == f"/admin/pages/{story.pk}/edit/"
    else:
        # Wagtail sends visitors without admin access to its login page; a consumer who could
        # sign in to the admin would still be refused by the view itself.
        assert shown.status_code in (302, 403) and created.status_code in (302, 403)
        assert not CommunityStoryPage.objects.exists()


def test_the_screen_lists_approved_replies_as_escaped_text_only(idea, client, editor):
    topic, reply = idea
    create_reply(topic, content="<b>held</b> words", approved=False)
    create_reply(topic, content='<script>alert("x")</script> cedar')
    html = client_as_editor(client, editor).get(promote_url(topic)).content.decode()
    assert f'value="{reply.pk}"' in html
    assert "held" not in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; cedar" in html


def client_as_editor(client, editor):
    client.force_login(editor)
    return client


def test_a_second_visit_goes_straight_to_the_existing_draft(idea, client, moderator):
    topic, reply = idea
    story = promote(topic, moderator, replies=[reply])
    client.force_login(moderator)
    response = client.get(promote_url(topic))
    assert response.status_code == 302 and response.url == f"/admin/pages/{story.pk}/edit/"
    # A moderator has no other page rights, but edits the drafts of the stories index.
    assert client.get(response.url).status_code == 200


def test_a_refused_promotion_shows_the_reason_and_creates_nothing(idea, client, editor):
    topic, reply = idea
    other = create_reply(idea_with_replies()[0])
    client.force_login(editor)
    response = client.post(promote_url(topic), {"replies": [reply.pk, other.pk]})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not CommunityStoryPage.objects.exists()


def test_no_stories_index_is_explained_on_the_screen(client, editor):
    topic, (reply,) = idea_with_replies()
    client.force_login(editor)
    response = client.post(promote_url(topic), {"replies": [reply.pk]})
    assert response.status_code == 400
    assert "No stories index is set up" in response.content.decode()


def consent_url(story):
    return f"/community/stories/{story.pk}/consent/"


def test_a_contributor_sees_their_quote_and_declines_on_the_consent_page(idea, client, editor):
    topic, reply = idea
    story = promote(topic, editor, replies=[reply])
    submit(story, editor)
    client.force_login(reply.poster)
    html = client.get(consent_url(story)).content.decode()
    assert "Fig and cedar, please." in html and f"Replier {reply.poster_id}" in html
    response = client.post(consent_url(story), {"answer": "decline"})
    assert response.status_code == 302
    consent = StoryConsent.objects.get(story=story, user=reply.poster)
    assert consent.state == ConsentState.DECLINED
    assert client.post(consent_url(story), {"answer": "accept"}).status_code == 400


def test_the_consent_page_is_only_for_those_asked(idea, client, editor):
    topic, reply = idea
    story = promote(topic, editor, replies=[reply])
    submit(story, editor)
    assert client.get(consent_url(story)).status_code == 302  # to sign in
    client.force_login(create_user())
    assert client.get(consent_url(story)).status_code == 404
    client.force_login(reply.poster)
    assert client.post(consent_url(story), {"answer": "maybe"}).status_code == 400


def test_editors_cannot_publish_past_contributors_still_asked(idea, client, editor):
    topic, reply = idea
    story = promote(topic, editor, replies=[reply])
    submit(story, editor)
    client.force_login(editor)
    edit_url = f"/admin/pages/{story.pk}/edit/"
    html = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html
    assert "Override pending consents" in html
    response = client.post(edit_url, {"action-publish": "1", "title": "Published anyway"})
    assert response.status_code == 302 and response.url == edit_url
    story.refresh_from_db()
    assert not story.live and story.title == "A fig soap"


def test_a_story_never_submitted_cannot_be_published_past_its_contributors(idea, client, editor):
    topic, reply = idea
    story = promote(topic, editor, replies=[reply])
    client.force_login(editor)
    edit_url = f"/admin/pages/{story.pk}/edit/"
    html = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html
    response = client.post(edit_url, {"action-publish": "1", "title": "Published anyway"})
    assert response.status_code == 302 and response.url == edit_url
    story.refresh_from_db()
    assert not story.live and story.title == "A fig soap"


def test_an_editor_overrides_through_the_workflow_action_with_a_note(idea, client, editor):
    from django.urls import reverse

    topic, reply = idea
    story = promote(topic, editor, replies=[reply])
    submit(story, editor)
    task_state = CommunityStoryPage.objects.get(pk=story.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "override", task_state.pk])
    client.force_login(editor)
    assert client.get(url).status_code == 200  # the modal asking for the note
    client.post(url, {"note": ""})
    assert StoryConsent.objects.filter(story=story, state=ConsentState.REQUESTED).count() == 2
    response = client.post(url, {"note": "Both agreed by e-mail."})
    assert response.status_code in (200, 302)
    states = set(StoryConsent.objects.filter(story=story).values_list("state", "note"))
    assert states == {(ConsentState.OVERRIDDEN, "Both agreed by e-mail.")}
    story = CommunityStoryPage.objects.get(pk=story.pk)
    assert story.current_workflow_task.name == "Editors' approval"

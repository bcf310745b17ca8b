"""The new-topic page shows similar ideas before posting: nothing is created until confirmed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from machina.apps.forum_conversation.forum_attachments.models import Attachment
from machina.apps.forum_conversation.forum_polls.models import TopicPoll
from machina.apps.forum_conversation.models import Topic

from forum.posting import SIMILAR_IDEAS_CONFIRM_FIELD
from tests.duplicates import make_private, topic_create_url
from tests.factories import create_forum, create_topic

pytestmark = pytest.mark.django_db

# The list shown after a first submit (the live region for the script is always there).
SUGGESTIONS = 'id="similar-ideas-title"'
CONFIRM = {SIMILAR_IDEAS_CONFIRM_FIELD: "1"}
EMPTY_FORMSETS = {
    "poll-TOTAL_FORMS": "2",
    "poll-INITIAL_FORMS": "0",
    "poll-MIN_NUM_FORMS": "0",
    "poll-MAX_NUM_FORMS": "30",
    "attachment-TOTAL_FORMS": "1",
    "attachment-INITIAL_FORMS": "0",
    "attachment-MIN_NUM_FORMS": "0",
    "attachment-MAX_NUM_FORMS": "15",
}


def new_topic(subject, **extra):
    return {"subject": subject, "content": "Smells like a forest.", "topic_type": "0", **extra}


@pytest.fixture
def forum():
    forum = create_forum(name="Soaps")
    create_topic(forum=forum, subject="A fig and cedar soap bar")
    return forum


def created(subject):
    return Topic.objects.filter(subject=subject).exists()


def test_the_form_carries_the_live_suggestion_region(client_as, consumer, forum):
    html = client_as(consumer).get(topic_create_url(forum)).content.decode()
    assert 'id="similar-ideas-live"' in html
    assert 'aria-live="polite"' in html
    assert 'data-url="/community/ideas/similar/"' in html
    assert f'data-forum="{forum.pk}"' in html
    assert 'data-title-field="id_subject"' in html
    assert "/static/forum/similar_ideas.js" in html
    assert SIMILAR_IDEAS_CONFIRM_FIELD not in html


def test_first_submit_shows_similar_ideas_and_creates_nothing(client_as, consumer, forum):
    client = client_as(consumer)
    response = client.post(topic_create_url(forum), new_topic("Cedar soap for men"))
    assert response.status_code == 200
    html = response.content.decode()
    assert SUGGESTIONS in html
    assert "A fig and cedar soap bar" in html
    assert "0 votes" in html
    assert "New</span>" in html
    assert f'<input type="hidden" name="{SIMILAR_IDEAS_CONFIRM_FIELD}" value="1">' in html
    assert 'value="Post my idea anyway"' in html
    assert 'value="Cedar soap for men"' in html  # the title is kept in the form
    assert not created("Cedar soap for men")

    response = client.post(topic_create_url(forum), new_topic("Cedar soap for men", **CONFIRM))
    assert response.status_code == 302
    assert created("Cedar soap for men")


def test_a_title_without_similar_ideas_goes_straight_through(client_as, consumer, forum):
    response = client_as(consumer).post(topic_create_url(forum), new_topic("Refillable bottles"))
    assert response.status_code == 302
    assert created("Refillable bottles")


def test_preview_still_previews_and_creates_nothing(client_as, consumer, forum):
    data = new_topic("Cedar soap for men", preview="Preview", content="**Woody** notes")
    response = client_as(consumer).post(topic_create_url(forum), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Woody</strong>" in html
    assert SUGGESTIONS not in html
    assert not created("Cedar soap for men")


def test_invalid_form_shows_machina_errors_first(client_as, consumer, forum):
    response = client_as(consumer).post(
        topic_create_url(forum), new_topic("Cedar soap", content="")
    )
    assert response.status_code == 200
    assert SUGGESTIONS not in response.content.decode()
    assert not created("Cedar soap")


def test_ideas_of_forums_the_poster_cannot_read_are_not_suggested(client_as, consumer, forum):
    create_topic(forum=make_private(create_forum()), subject="Secret cedar soap plans")
    response = client_as(consumer).post(topic_create_url(forum), new_topic("Secret plans"))
    assert response.status_code == 302
    assert created("Secret plans")


def test_similar_titles_are_escaped(client_as, consumer, forum):
    create_topic(forum=forum, subject="<script>alert(1)</script> cedar")
    html = client_as(consumer).post(topic_create_url(forum), new_topic("Cedar")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; cedar" in html
    assert "<script>alert(1)" not in html


def test_poll_and_attachment_survive_the_similar_ideas_step(
    client_as, moderator, forum, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_as(moderator)
    data = new_topic(
        "Cedar soap poll",
        poll_question="Which size?",
        poll_max_options="1",
        **{**EMPTY_FORMSETS, "poll-0-text": "Small", "poll-1-text": "Large"},
    )
    upload = SimpleUploadedFile("label.pdf", b"%PDF-1.4 cedar", content_type="application/pdf")
    response = client.post(topic_create_url(forum), {**data, "attachment-0-file": upload})
    assert response.status_code == 200
    assert SUGGESTIONS in response.content.decode()
    assert not created("Cedar soap poll")

    # The file is not sent again: machina's attachment cache keeps it, as between previews.
    response = client.post(topic_create_url(forum), {**data, **CONFIRM})
    assert response.status_code == 302
    topic = Topic.objects.get(subject="Cedar soap poll")
    poll = TopicPoll.objects.get(topic=topic)
    assert sorted(poll.options.values_list("text", flat=True)) == ["Large", "Small"]
    assert Attachment.objects.get(post__topic=topic).file.read() == b"%PDF-1.4 cedar"

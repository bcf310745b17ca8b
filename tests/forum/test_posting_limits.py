"""What a consumer meets when they post too fast, too much, nothing, or into a locked topic."""

import pytest
from django.test import override_settings
from machina.apps.forum_conversation.models import Post, Topic

from forum.forms import POST_MAX_LENGTH
from tests.factories import create_campaign, create_topic

pytestmark = pytest.mark.django_db


def new_topic_url(forum):
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/create/"


def topic_url(topic):
    return f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"


def reply_url(topic):
    return topic_url(topic) + "post/create/"


def reply_update_url(post):
    return topic_url(post.topic) + f"{post.pk}/post/update/"


def new_topic(subject="Refillable bottles", content="Glass, with a deposit."):
    return {"subject": subject, "content": content, "topic_type": "0"}


@pytest.fixture
def forum():
    return create_campaign().forum


@override_settings(COMMUNITY_RATE_LIMITS={"post": "3/m"})
def test_a_consumer_posting_too_fast_keeps_their_text_and_is_told_to_wait(
    client_as, consumer, forum
):
    client = client_as(consumer)
    for number in range(3):
        response = client.post(new_topic_url(forum), new_topic(f"Idea {number}"))
        assert response.status_code == 302

    response = client.post(new_topic_url(forum), new_topic("One idea too many", "Kept text"))

    assert response.status_code == 429
    page = response.content.decode()
    assert "You are posting too fast" in page
    assert "Kept text" in page
    assert Topic.objects.filter(forum=forum).count() == 3


@override_settings(COMMUNITY_RATE_LIMITS={"post": "2/m"})
def test_replies_count_against_the_same_rate_and_previews_do_not(client_as, consumer):
    topic = create_topic()
    client = client_as(consumer)
    for _number in range(3):
        preview = client.post(reply_url(topic), {"subject": "Re", "content": "Hm", "preview": "1"})
        assert preview.status_code == 200
    assert client.post(reply_url(topic), {"subject": "Re", "content": "One"}).status_code == 302
    assert client.post(reply_url(topic), {"subject": "Re", "content": "Two"}).status_code == 302

    assert client.post(reply_url(topic), {"subject": "Re", "content": "Three"}).status_code == 429
    assert Post.objects.filter(topic=topic, poster=consumer).count() == 2


@override_settings(COMMUNITY_RATE_LIMITS={"post": "1/m"})
def test_each_user_has_their_own_rate_and_moderators_have_none(
    client_as, consumer, moderator, forum
):
    from tests.factories import create_user

    other = create_user()
    assert client_as(consumer).post(new_topic_url(forum), new_topic("A")).status_code == 302
    assert client_as(other).post(new_topic_url(forum), new_topic("B")).status_code == 302
    topic = Topic.objects.get(subject="A")
    # Moderators may attach files: machina expects the attachment formset's management form.
    attachments = {"attachment-TOTAL_FORMS": "0", "attachment-INITIAL_FORMS": "0"}
    for number in range(3):
        reply = {"subject": "Re", "content": f"Answer {number}", **attachments}
        assert client_as(moderator).post(reply_url(topic), reply).status_code == 302


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"content": "   \n  "}, "Write a message before sending."),
        ({"content": "x" * (POST_MAX_LENGTH + 1)}, f"Keep your message to {POST_MAX_LENGTH}"),
        ({"subject": "   "}, "Give your message a title."),
        ({"subject": "s" * 256}, "Ensure this value has at most 255 characters"),
        ({"content": "Nul\x00byte"}, "Null characters are not allowed."),
        ({"subject": "Nul\x00byte"}, "Null characters are not allowed."),
    ],
)
def test_empty_oversized_or_malformed_topics_get_a_form_error_and_nothing_is_written(
    client_as, consumer, forum, fields, message
):
    response = client_as(consumer).post(new_topic_url(forum), {**new_topic(), **fields})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Topic.objects.filter(forum=forum).exists()
    assert not Post.objects.filter(topic__forum=forum).exists()


def test_a_message_at_the_limit_is_accepted(client_as, consumer, forum):
    response = client_as(consumer).post(
        new_topic_url(forum), new_topic(content="x" * POST_MAX_LENGTH)
    )
    assert response.status_code == 302


def test_an_empty_reply_is_refused_with_a_form_error(client_as, consumer):
    topic = create_topic()
    response = client_as(consumer).post(reply_url(topic), {"subject": "Re", "content": ""})
    assert response.status_code == 200
    assert Post.objects.filter(topic=topic).count() == 1


def test_replying_to_a_locked_topic_is_refused_with_the_reason(client_as, consumer):
    topic = create_topic(status=Topic.TOPIC_LOCKED)

    for response in (
        client_as(consumer).get(reply_url(topic)),
        client_as(consumer).post(reply_url(topic), {"subject": "Re", "content": "Still here"}),
    ):
        assert response.status_code == 403
        assert "This topic is locked: it takes no new replies or edits." in (
            response.content.decode()
        )
    assert Post.objects.filter(topic=topic).count() == 1


def test_editing_ones_reply_in_a_locked_topic_is_refused_with_the_reason(client_as, consumer):
    topic = create_topic(poster=consumer)
    post = Post.objects.create(topic=topic, poster=consumer, subject="Re", content="Mine")
    Topic.objects.filter(pk=topic.pk).update(status=Topic.TOPIC_LOCKED)

    response = client_as(consumer).post(
        reply_update_url(post), {"subject": "Re", "content": "Changed", "update_reason": ""}
    )

    assert response.status_code == 403
    assert "This topic is locked" in response.content.decode()
    post.refresh_from_db()
    assert post.content.raw == "Mine"


def test_a_refusal_without_a_reason_still_says_what_happened(client_as, consumer):
    # Editing someone else's reply: machina refuses without a reason of its own.
    post = create_topic().first_post
    response = client_as(consumer).get(reply_update_url(post))
    assert response.status_code == 403
    assert "Your account may not do this here." in response.content.decode()

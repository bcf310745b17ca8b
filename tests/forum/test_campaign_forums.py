"""A campaign's forum takes new ideas only while the campaign is open, and always leads back to it.

Replies are a different decision: once a campaign closes, its existing threads stay open to
replies under machina's usual permissions, so consumers can still discuss the outcome and answer
questions about their ideas. Only new topics stop, with a banner that says why.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from machina.apps.forum_conversation.models import Post, Topic

from tests.factories import create_campaign, create_topic

pytestmark = pytest.mark.django_db


def forum_url(campaign):
    forum = campaign.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/"


def new_topic_url(campaign):
    return forum_url(campaign) + "topic/create/"


def reply_url(topic):
    forum = topic.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/post/create/"


def new_topic(subject="A lavender and oat soap"):
    return {"subject": subject, "content": "Lavender calms, oat soothes.", "topic_type": "0"}


def close(campaign):
    """Close the campaign as an editor would: a date in the past, then republish."""
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save_revision().publish()
    campaign.refresh_from_db()
    return campaign


def test_consumer_posts_a_new_idea_in_an_open_campaign_forum(client_as, consumer):
    campaign = create_campaign(title="Name our new soap")
    client = client_as(consumer)

    form = client.get(new_topic_url(campaign))
    assert form.status_code == 200
    assert 'name="subject"' in form.content.decode()
    response = client.post(new_topic_url(campaign), new_topic())

    assert response.status_code == 302
    topic = Topic.objects.get(forum=campaign.forum)
    assert topic.subject == "A lavender and oat soap"
    assert topic.poster == consumer
    banner = client.get(forum_url(campaign)).content.decode()
    assert (
        f'This forum belongs to the campaign <a href="{campaign.url}">Name our new soap</a>.'
        in (banner)
    )


def test_a_closed_campaign_forum_refuses_new_topics_with_a_403(client_as, consumer):
    campaign = create_campaign()
    client = client_as(consumer)
    assert client.get(new_topic_url(campaign)).status_code == 200
    close(campaign)

    # machina's PermissionRequiredMixin answers a signed-in user it refuses with a 403.
    assert client.get(new_topic_url(campaign)).status_code == 403
    assert client.post(new_topic_url(campaign), new_topic()).status_code == 403
    assert not Topic.objects.filter(forum=campaign.forum).exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_whatever_the_status(client):
    campaign = create_campaign()
    response = client.get(new_topic_url(campaign))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_closed_forum_says_why_and_links_to_the_campaign(client):
    campaign = close(create_campaign(title="Our new logo"))
    page = client.get(forum_url(campaign)).content.decode()
    assert "campaign-forum-banner--closed" in page
    assert (
        f'The campaign <a href="{campaign.url}">Our new logo</a> is closed: it no longer takes '
        "new ideas." in page
    )
    assert new_topic_url(campaign) not in page


def test_replies_to_existing_ideas_stay_allowed_once_closed(client_as, consumer):
    campaign = create_campaign()
    topic = create_topic(forum=campaign.forum, subject="More fig, less sugar")
    close(campaign)
    client = client_as(consumer)

    assert client.get(reply_url(topic)).status_code == 200
    response = client.post(
        reply_url(topic), {"subject": "Re: More fig", "content": "Agreed, and in a bar."}
    )
    assert response.status_code == 302
    assert Post.objects.filter(topic=topic, poster=consumer).exists()
    # The topic page still offers the reply button; the forum page no longer offers a new topic.
    assert reply_url(topic) in client.get(response["Location"]).content.decode()


def test_an_upcoming_campaign_forum_refuses_new_topics(client_as, consumer, client):
    campaign = create_campaign(opens_at=timezone.now() + timedelta(days=2))
    assert campaign.forum_id is not None

    assert client_as(consumer).get(new_topic_url(campaign)).status_code == 403
    assert client_as(consumer).post(new_topic_url(campaign), new_topic()).status_code == 403
    assert not Topic.objects.filter(forum=campaign.forum).exists()
    client.logout()
    page = client.get(forum_url(campaign)).content.decode()
    assert "has not opened yet" in page


def test_forums_outside_campaigns_keep_machina_permissions(client_as, consumer):
    topic = create_topic()
    url = f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/create/"
    assert client_as(consumer).get(url).status_code == 200
    assert "campaign-forum-banner" not in client_as(consumer).get(url).content.decode()


@pytest.mark.parametrize("status", ["open", "closed"])
def test_the_banner_escapes_the_campaign_title(client, status):
    campaign = create_campaign(title='Soap <script>alert("x")</script> & co')
    if status == "closed":
        close(campaign)
    page = client.get(forum_url(campaign)).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</a>" in page
    assert '<script>alert("x")' not in page

"""Helpers of the follow and notification tests: machina's URLs and a reply as users post it."""

from machina.apps.forum_conversation.models import Post


def forum_url(forum):
    return f"/forum/forum/{forum.slug}-{forum.pk}/"


def topic_url(topic):
    return f"{forum_url(topic.forum)}topic/{topic.slug}-{topic.pk}/"


def reply_url(topic):
    return f"{topic_url(topic)}post/create/"


#: The empty attachment and poll formsets machina's forms expect from moderators.
EMPTY_FORMSETS = {
    f"{prefix}-{field}": "0"
    for prefix in ("attachment", "poll")
    for field in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def post_reply(client, topic, content="I would buy it."):
    """Reply through machina's form, as a signed-in user does; returns the new post."""
    data = {"subject": f"Re: {topic.subject}", "content": content, **EMPTY_FORMSETS}
    response = client.post(reply_url(topic), data)
    assert response.status_code == 302, response.content.decode()[:500]
    return Post.objects.filter(topic=topic).order_by("-pk").first()


def create_reply(topic, poster, content="I would buy it.", approved=True):
    """A reply saved as machina saves it (post_save and all), without the HTTP round trip."""
    return Post.objects.create(
        topic=topic,
        poster=poster,
        subject=f"Re: {topic.subject}",
        content=content,
        approved=approved,
    )

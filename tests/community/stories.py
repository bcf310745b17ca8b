"""Helpers of the story tests: an idea with replies, a stories index, a promotion, a workflow."""

from community.actions.stories import do_promote_idea
from community.models import Idea
from tests.factories import create_profile, create_reply, create_topic, create_user


def topic_url(topic):
    forum = topic.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"


def promote_url(topic):
    return f"/admin/promote/{topic.pk}/"


def idea_with_replies(replies=1, **topic_attrs):
    """An approved idea by a credited author, with `replies` approved replies by others."""
    author = create_user(username=f"author{create_user().pk}")
    create_profile(author, pseudonym=f"Idea author {author.pk}")
    topic_attrs.setdefault("subject", "A fig soap")
    topic = create_topic(poster=author, **topic_attrs)
    posts = []
    for _number in range(replies):
        replier = create_user()
        create_profile(replier, pseudonym=f"Replier {replier.pk}")
        posts.append(create_reply(topic, poster=replier, content="Fig *and* cedar, please."))
    return topic, posts


def promote(topic, user, replies=(), summary="Our next soap came from you."):
    idea = Idea.objects.filter(pk=topic.pk).first() or Idea(topic=topic)
    return do_promote_idea(idea, user, [reply.pk for reply in replies], summary=summary)


def submit(story, user):
    """Submit the latest revision of `story` to its workflow, as the editor's button does."""
    story.refresh_from_db()
    workflow = story.get_workflow()
    return workflow.start(story, user)

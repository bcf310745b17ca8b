"""JSON-LD of machina's pages: public threads as DiscussionForumPosting, forum trails."""

from django.urls import reverse
from django.utils.translation import gettext as _
from machina.apps.forum.views import ForumView, IndexView
from machina.apps.forum_conversation.views import TopicView

from brandsite.core.models import BrandSettings
from community.models import Idea
from forum.templatetags.forum_trail import forum_ancestors

from ..indexing import public_forum_ids
from ..metadata import plain_text, topic_head_post
from .common import SCHEMA, absolute, breadcrumb_list, compact, credited_person, home_url, iso_date


def _forum_url(forum):
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def forum_trail(request, forum=None, topic=None, topic_url=None):
    """Home › Forum › its categories and forums › the topic."""
    trail = [
        (BrandSettings.for_request(request).brand_name, home_url(request)),
        (_("Forum"), absolute(request, reverse("forum:index"))),
    ]
    if forum is not None:
        for ancestor in [*forum_ancestors(forum), forum]:
            trail.append((ancestor.name, absolute(request, _forum_url(ancestor))))
    if topic is not None:
        trail.append((topic.subject, topic_url))
    return trail


def is_public_topic(topic):
    """Whether anonymous visitors may read `topic`: approved, in a forum they can read.

    The forums come from the quality gate's cache, which the page's robots tag fills anyway.
    """
    return topic.approved and topic.forum_id in public_forum_ids()


def interaction_counter(action, count):
    return {
        "@type": "InteractionCounter",
        "interactionType": f"{SCHEMA}/{action}",
        "userInteractionCount": count,
    }


def _votes_count(topic):
    try:
        return topic.idea.votes_count
    except Idea.DoesNotExist:
        return None


def comment(post, request, topic_url):
    return compact(
        {
            "@type": "Comment",
            "author": credited_person(post.poster, request),
            "datePublished": iso_date(post.created),
            "text": plain_text(post.content.rendered),
            "url": f"{topic_url}#{post.pk}",
        }
    )


def discussion_forum_posting(context, request, topic_url):
    """The topic as a DiscussionForumPosting, with the approved replies shown on this page."""
    topic = context["topic"]
    head = topic_head_post(context)
    counters = [interaction_counter("CommentAction", max(topic.posts_count - 1, 0))]
    votes = _votes_count(topic)
    if votes is not None:
        counters.append(interaction_counter("LikeAction", votes))
    replies = [post for post in context.get("posts") or () if post.pk != topic.first_post_id]
    return compact(
        {
            "@type": "DiscussionForumPosting",
            "@id": topic_url,
            "url": topic_url,
            "headline": topic.subject,
            "text": plain_text(head.content.rendered) if head else None,
            "author": credited_person(head.poster if head else topic.poster, request),
            "datePublished": iso_date(topic.created),
            "dateModified": iso_date(head.updated if head else topic.updated),
            "interactionStatistic": counters,
            "comment": [comment(post, request, topic_url) for post in replies],
        }
    )


def _topic_url(topic, request):
    kwargs = {"forum_slug": topic.forum.slug, "forum_pk": topic.forum_id}
    kwargs.update(slug=topic.slug, pk=topic.pk)
    return absolute(request, reverse("forum_conversation:topic", kwargs=kwargs))


def forum_items(context, request):
    view = context.get("view")
    if isinstance(view, TopicView):
        topic = context["topic"]
        topic_url = _topic_url(topic, request)
        items = []
        if is_public_topic(topic):
            items.append(discussion_forum_posting(context, request, topic_url))
        trail = forum_trail(request, context["forum"], topic, topic_url)
        return [*items, breadcrumb_list(trail)]
    if isinstance(view, ForumView):
        return [breadcrumb_list(forum_trail(request, context["forum"]))]
    if isinstance(view, IndexView):
        return [breadcrumb_list(forum_trail(request))]
    return []

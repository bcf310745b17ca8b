"""The quality gate: which forum threads search engines may list and index.

One queryset decides, used by the sitemap and, through `is_topic_indexable`, by the robots meta
tag of a topic's page, so that both always agree. A thread passes when it is approved (neither
waiting for moderation nor hidden after reports: machina unapproves a topic with its first
post), sits in a forum anonymous visitors may read, is not locked (there is no spam flag:
moderators lock spam, and merged duplicate ideas are locked) and has enough approved replies
or enough idea votes (SearchEngineSettings).
"""

from django.db.models import Q
from machina.apps.forum_conversation.models import Topic

from community.permissions import forums_readable_by_anonymous
from forum.handler import cached_across_requests

from .models import SearchEngineSettings


def public_forum_ids():
    """The ids of the forums anonymous visitors may read, cached until forum permissions change."""
    return cached_across_requests(
        "public-forum-ids",
        lambda: list(forums_readable_by_anonymous().values_list("pk", flat=True)),
    )


def indexable_topics(request=None):
    """Topics that pass the gate, in a fixed number of queries whatever their count."""
    settings = SearchEngineSettings.load(request_or_site=request)
    # machina's posts_count counts approved posts, the first one included.
    enough_replies = Q(posts_count__gte=settings.min_replies + 1)
    enough_votes = Q(idea__votes_count__gte=settings.min_votes)
    return (
        Topic.objects.filter(approved=True, forum__in=public_forum_ids())
        .exclude(status=Topic.TOPIC_LOCKED)
        .filter(enough_replies | enough_votes)
    )


def is_topic_indexable(topic, request=None):
    """Whether `topic` passes the gate: the settings and one query (public forums are cached)."""
    if topic.pk is None or not topic.approved or topic.status == Topic.TOPIC_LOCKED:
        return False
    return indexable_topics(request).filter(pk=topic.pk).exists()

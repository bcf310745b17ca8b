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

from .models import SearchEngineSettings

#: Where a request keeps the forums anonymous visitors may read, worked out once per request.
_READABLE_CACHE_ATTRIBUTE = "_seo_forums_readable_by_anonymous"


def public_forums(request=None):
    """The forums anonymous visitors may read, remembered on `request` when there is one."""
    if request is None:
        return forums_readable_by_anonymous()
    if not hasattr(request, _READABLE_CACHE_ATTRIBUTE):
        setattr(request, _READABLE_CACHE_ATTRIBUTE, forums_readable_by_anonymous())
    return getattr(request, _READABLE_CACHE_ATTRIBUTE)


def indexable_topics(request=None):
    """Topics that pass the gate, in a fixed number of queries whatever their count."""
    settings = SearchEngineSettings.load(request_or_site=request)
    # machina's posts_count counts approved posts, the first one included.
    enough_replies = Q(posts_count__gte=settings.min_replies + 1)
    enough_votes = Q(idea__votes_count__gte=settings.min_votes)
    return (
        Topic.objects.filter(approved=True, forum__in=public_forums(request))
        .exclude(status=Topic.TOPIC_LOCKED)
        .filter(enough_replies | enough_votes)
    )


def is_topic_indexable(topic, request=None):
    """Whether `topic` passes the gate (one query once the request knows the public forums)."""
    if topic.pk is None or not topic.approved or topic.status == Topic.TOPIC_LOCKED:
        return False
    return indexable_topics(request).filter(pk=topic.pk).exists()

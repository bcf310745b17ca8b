"""The quality gate: which forum threads search engines may list and index.

One queryset decides, used by the sitemap and, through `is_topic_indexable`, by the robots meta
tag of a topic's page, so that both always agree. A thread passes when it is approved (neither
waiting for moderation nor hidden after reports: machina unapproves a topic with its first
post), sits in a forum anonymous visitors may read, is not locked (there is no spam flag:
moderators lock spam, and merged duplicate ideas are locked) and has enough approved replies
or enough idea votes (SearchEngineSettings).
"""

from django.core.cache import cache
from django.db.models import Q
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Topic

from community.permissions import forums_readable_by_anonymous

from .models import SearchEngineSettings

#: The cache key of the ids of the forums anonymous visitors may read.
PUBLIC_FORUMS_CACHE_KEY = "seo:public-forum-ids"
#: machina works them out in several queries. Permission changes and new or deleted forums clear
#: the cache; a forum moved under a private category is noticed within this time.
PUBLIC_FORUMS_CACHE_SECONDS = 60 * 60


def public_forum_ids():
    """The ids of the forums anonymous visitors may read, cached across requests."""
    ids = cache.get(PUBLIC_FORUMS_CACHE_KEY)
    if ids is None:
        ids = list(forums_readable_by_anonymous().values_list("pk", flat=True))
        cache.set(PUBLIC_FORUMS_CACHE_KEY, ids, PUBLIC_FORUMS_CACHE_SECONDS)
    return ids


def forget_public_forums(sender, created=True, **kwargs):
    """Receiver: a forum permission changed, or a forum came or went: work them out again."""
    # machina saves a forum on every post to update its counters: those saves change nothing.
    if created or sender is not Forum:
        cache.delete(PUBLIC_FORUMS_CACHE_KEY)


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

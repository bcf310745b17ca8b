"""Existing ideas whose title looks like a new one: full-text on PostgreSQL, word hits elsewhere.

Used while a consumer types a new idea's title (so duplicates are found before they are posted)
and by moderators choosing which idea to merge a duplicate into.
"""

import re

from django.db import connections
from django.db.models import Case, F, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Topic
from machina.apps.forum_permission.handler import PermissionHandler

from .models import IdeaStatus

SIMILAR_IDEAS_LIMIT = 5
#: Titles shorter than this are not searched: too many ideas match two letters.
SIMILAR_IDEAS_MIN_LENGTH = 3
MIN_WORD_LENGTH = 3
MAX_WORDS = 8
#: Words that say nothing about an idea, in the site's two languages.
STOP_WORDS = frozenset(
    """
    and are but can could for from have how into more not our should than that the their them
    then there these this those was what when where which who why will with would you your new
    idea ideas please
    aux avec ces cette dans des elle est ils leur les mais mes nos notre nous par pas plus pour
    que qui sans ses son sont sur une vos votre vous idée idées nouveau nouvelle
    """.split()
)
#: PostgreSQL text-search configurations by interface language; `simple` does no stemming.
SEARCH_CONFIGS = {"en": "english", "fr": "french"}
_WORD = re.compile(r"\w+", re.UNICODE)


def significant_words(title):
    """The words of `title` worth matching: long enough, not stop words, first ones, no repeats."""
    words = []
    for word in _WORD.findall((title or "").lower()):
        if len(word) >= MIN_WORD_LENGTH and word not in STOP_WORDS and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def _default_status(field):
    return Subquery(IdeaStatus.objects.filter(is_default=True).values(field)[:1])


def _candidates(user, exclude_topic):
    forums = PermissionHandler().get_readable_forums(Forum.objects.all(), user)
    topics = Topic.objects.filter(approved=True, forum__in=forums).filter(
        Q(idea__isnull=True) | Q(idea__merged_into__isnull=True)
    )
    if exclude_topic is not None:
        topics = topics.exclude(pk=exclude_topic.pk)
    return topics.select_related("forum").annotate(
        idea_votes=Coalesce(F("idea__votes_count"), 0),
        idea_status_name=Coalesce(F("idea__status__name"), _default_status("name")),
        idea_status_colour=Coalesce(F("idea__status__colour"), _default_status("colour")),
    )


def _rank_full_text(topics, words):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    config = SEARCH_CONFIGS.get((get_language() or "en")[:2], "simple")
    query = SearchQuery(words[0], config=config)
    for word in words[1:]:
        query |= SearchQuery(word, config=config)
    vector = SearchVector("subject", config=config)
    return topics.annotate(document=vector, similarity=SearchRank(vector, query)).filter(
        document=query
    )


def _rank_word_hits(topics, words):
    hits = sum(
        (Case(When(subject__icontains=word, then=Value(1)), default=Value(0)) for word in words),
        start=Value(0),
    )
    return topics.annotate(similarity=hits).filter(similarity__gt=0)


def similar_ideas(title, *, user, forum=None, exclude_topic=None, limit=SIMILAR_IDEAS_LIMIT):
    """The few approved, unmerged topics `user` may read whose subject is most like `title`.

    Topics of `forum` come first, then the best matches, then the most voted. Each topic carries
    `idea_votes`, `idea_status_name` and `idea_status_colour`, and its forum.
    """
    words = significant_words(title)
    if len((title or "").strip()) < SIMILAR_IDEAS_MIN_LENGTH or not words:
        return []
    topics = _candidates(user, exclude_topic)
    if connections[topics.db].vendor == "postgresql":
        topics = _rank_full_text(topics, words)
    else:
        topics = _rank_word_hits(topics, words)
    ordering = ["-similarity", "-idea_votes", "-pk"]
    if forum is not None:
        same_forum = Case(When(forum=forum, then=Value(0)), default=Value(1))
        topics = topics.annotate(other_forum=same_forum)
        ordering.insert(0, "other_forum")
    return list(topics.order_by(*ordering)[:limit])

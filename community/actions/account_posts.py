"""What a deleted account's forum posts become: kept as "a former member's", or removed.

Removing keeps threads whole: a reply goes; a topic the person started goes with its posts
when nobody else wrote in it and no story was made of it; otherwise its opening post stays in
place, its words replaced by a notice and its author "a former member", so that the replies
of others, the votes and the story keep their thread. machina's counters (topic and forum
posts, last posts) are recomputed by machina's own `update_trackers` once everything is done.
"""

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.utils import translation
from django.utils.translation import gettext_lazy
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic

from ..credits import FORMER_MEMBER, FORMER_MEMBER_KEY
from ..models import CommunityStoryPage

REMOVED_NOTICE = gettext_lazy("This message was removed at its author's request.")


def _in_site_language(text):
    # Stored text, read by every visitor: the site's language (our templates translate the name).
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def former_member_fields():
    """machina's fields of a post without an account: no poster, our key, a name for its views."""
    return {
        "poster": None,
        "anonymous_key": FORMER_MEMBER_KEY,
        "username": _in_site_language(FORMER_MEMBER),
    }


def keep_posts_as_former_member(user):
    """Leave `user`'s approved posts and topics in place, by "a former member"; returns counts.

    Posts still waiting for a moderator (held, or hidden after reports) were never public or no
    longer are: they are removed, as nobody is left to hear the decision.
    """
    counts = remove_posts(user, waiting_only=True)
    counts["posts_kept"] = Post.objects.filter(poster=user).update(**former_member_fields())
    return counts


def _shared(user):
    """Whether a topic holds something not only `user`'s: someone else's post, or a story."""
    others_post = Post.objects.filter(topic=OuterRef("pk")).exclude(poster=user)
    story = CommunityStoryPage.objects.filter(source_idea_id=OuterRef("pk"))
    return Exists(others_post) | Exists(story)


def remove_posts(user, *, waiting_only=False):
    """Remove `user`'s posts (only those waiting for a moderator if told); returns counts."""
    # First, as machina deletes a poster's topics with the account, others' replies included;
    # machina's tracker updates below then save topics that no longer name the account.
    Topic.objects.filter(poster=user).update(poster=None)
    posts = Post.objects.filter(poster=user)
    if waiting_only:
        posts = posts.filter(approved=False)
    openings = posts.filter(pk=F("topic__first_post_id"))
    topics = Topic.objects.filter(first_post__in=openings).annotate(shared=_shared(user))
    doomed = dict(topics.filter(shared=False).values_list("pk", "forum_id"))
    kept_openings = list(openings.exclude(topic__in=list(doomed)).select_related("topic"))
    replies = posts.exclude(topic__in=list(doomed)).exclude(pk__in=[p.pk for p in kept_openings])
    touched = set(replies.values_list("topic_id", flat=True))
    removed = posts.filter(topic__in=list(doomed)).count() + replies.count()
    replies.delete()
    Topic.objects.filter(pk__in=list(doomed)).delete()
    for post in kept_openings:
        _replace_opening(post)
    for topic in Topic.objects.filter(pk__in=touched).select_related("forum"):
        topic.update_trackers()  # machina's: the topic's counts and last post, then its forum's
    for forum in Forum.objects.filter(pk__in=set(doomed.values())):
        forum.update_trackers()
    return {
        "posts_removed": removed,
        "topics_removed": len(doomed),
        "openings_replaced": len(kept_openings),
    }


def _replace_opening(post):
    """The opening post of a thread others wrote in: a notice in place of the words."""
    for field, value in former_member_fields().items():
        setattr(post, field, value)
    post.content = _in_site_language(REMOVED_NOTICE)
    post.enable_signature = False
    # machina's save renders the notice, updates the topic's counters and reindexes the post.
    post.save()

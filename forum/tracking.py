"""machina's read tracking, at a constant number of queries per page."""

from django.db.models import Exists, OuterRef, Q
from machina.apps.forum.visibility import ForumVisibilityContentTree
from machina.apps.forum_conversation.models import Topic
from machina.apps.forum_tracking.handler import TrackingHandler
from machina.apps.forum_tracking.models import ForumReadTrack, TopicReadTrack


def _contains(ancestor, forum):
    # MPTT intervals: an ancestor's (lft, rght) encloses those of its descendants.
    return (
        ancestor.tree_id == forum.tree_id
        and ancestor.lft <= forum.lft
        and ancestor.rght >= forum.rght
    )


class FlatTrackingHandler(TrackingHandler):
    """machina's tracking handler, without its queries per forum or per already-read topic."""

    def get_unread_forums_from_list(self, user, forums):
        """machina's unread forums of `forums` in one query.

        machina asks the database for the ancestors of each unread forum; they are found here in
        the list itself, which is all a forum list shows (a forum it does not hold is not shown).
        """
        if not user.is_authenticated:
            return []
        forums = list(forums)
        last_post_on = {
            forum_id: node.last_post_on
            for forum_id, node in ForumVisibilityContentTree.from_forums(forums).as_dict.items()
        }
        marks = dict(
            ForumReadTrack.objects.filter(user=user, forum__in=forums).values_list(
                "forum_id", "mark_time"
            )
        )
        unread = [
            forum
            for forum in forums
            if (
                bool(last_post_on[forum.pk] and marks[forum.pk] < last_post_on[forum.pk])
                if forum.pk in marks
                else forum.direct_topics_count > 0
            )
        ]
        return [forum for forum in forums if any(_contains(forum, other) for other in unread)]

    def mark_topic_read(self, topic, user):
        """machina's marking, skipped in one query when the reader has read every post already."""
        if user.is_authenticated and topic.last_post_on is not None and _read_since(topic, user):
            return
        super().mark_topic_read(topic, user)


def _read_since(topic, user):
    """Whether `user`'s topic or forum read mark is as late as the topic's last post."""
    last_post_on = OuterRef("last_post_on")
    topic_read = TopicReadTrack.objects.filter(
        user=user, topic=OuterRef("pk"), mark_time__gte=last_post_on
    )
    forum_read = ForumReadTrack.objects.filter(
        user=user, forum=OuterRef("forum_id"), mark_time__gte=last_post_on
    )
    return Topic.objects.filter(Q(Exists(topic_read)) | Q(Exists(forum_read)), pk=topic.pk).exists()


def mark_topic_read(sender, topic, user, request, response, **kwargs):
    """Receiver of machina's `topic_viewed`, in place of machina's own `update_user_trackers`."""
    FlatTrackingHandler().mark_topic_read(topic, user)

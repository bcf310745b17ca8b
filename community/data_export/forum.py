"""The person's forum data for their download: topics, posts, votes, follows, reports, reads."""

from machina.apps.forum_conversation.forum_polls.models import TopicPollVote
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_tracking.models import TopicReadTrack

from ..models import Follow, IdeaVote, PostReport
from ..notifications import post_path, topic_path


def topics(user):
    """The topics the person started, with their forum and address."""
    topics = Topic.objects.filter(poster=user).select_related("forum").order_by("created", "pk")
    return [
        {
            "id": topic.pk,
            "subject": topic.subject,
            "forum": topic.forum.name,
            "url": topic_path(topic),
            "created": topic.created,
            "approved": topic.approved,
        }
        for topic in topics
    ]


def posts(user):
    """Every post the person wrote, as written (markdown), with its address."""
    posts = Post.objects.filter(poster=user).select_related("topic__forum").order_by("created")
    return [
        {
            "id": post.pk,
            "topic": post.topic.subject,
            "subject": post.subject,
            "content": post.content.raw,
            "url": post_path(post.topic, post.pk),
            "created": post.created,
            "updated": post.updated,
            "approved": post.approved,
        }
        for post in posts
    ]


def idea_votes(user):
    """The ideas the person upvoted, and when."""
    votes = IdeaVote.objects.filter(voter=user).select_related("idea__topic__forum")
    return [
        {
            "idea": vote.idea.topic.subject,
            "url": topic_path(vote.idea.topic),
            "voted_at": vote.created_at,
        }
        for vote in votes.order_by("created_at", "pk")
    ]


def poll_votes(user):
    """The poll options the person chose."""
    votes = TopicPollVote.objects.filter(voter=user).select_related("poll_option__poll__topic")
    return [
        {
            "topic": vote.poll_option.poll.topic.subject,
            "question": vote.poll_option.poll.question,
            "option": vote.poll_option.text,
            "voted_at": vote.timestamp,
        }
        for vote in votes.order_by("timestamp", "pk")
    ]


def follows(user):
    """The topics and forums the person follows or chose not to."""
    follows = Follow.objects.filter(user=user).select_related("topic", "forum")
    return [
        {
            "topic": follow.topic.subject if follow.topic_id else None,
            "forum": follow.forum.name if follow.forum_id else None,
            "following": follow.is_following,
            "reason": follow.reason,
            "since": follow.created_at,
        }
        for follow in follows.order_by("created_at", "pk")
    ]


def reports(user):
    """The posts the person reported, and why (the reported post's author is not named)."""
    reports = PostReport.objects.filter(reporter=user).select_related("post__topic")
    return [
        {
            "topic": report.post.topic.subject,
            "reason": report.reason,
            "reported_at": report.reported_at,
            "upheld": report.upheld,
        }
        for report in reports
    ]


def topics_read(user):
    """When the person last read each topic (machina's read markers)."""
    tracks = TopicReadTrack.objects.filter(user=user).select_related("topic")
    return [
        {"topic": track.topic.subject, "read_at": track.mark_time}
        for track in tracks.order_by("mark_time", "pk")
    ]

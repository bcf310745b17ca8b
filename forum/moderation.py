"""machina's moderation and posting, turned into community follows and signals.

A post counts once it is visible: when created approved, or when a moderator approves it from
the queue. A post waiting for approval tells nobody anything.
"""

from django.db import transaction
from machina.apps.forum_conversation.models import Post
from machina.apps.forum_moderation.views import PostApproveView, PostDisapproveView

from community import actions, signals
from community.actions.base import on_commit_send
from community.models import FollowReason

REASON_MAX_LENGTH = 1000


def post_became_visible(post):
    """A topic's first post: its author follows it; a reply: `topic_replied` once committed."""
    topic = post.topic
    if topic.first_post_id in (None, post.pk):
        actions.do_follow_topic_automatically(topic, post.poster, FollowReason.AUTHOR)
    else:
        on_commit_send(signals.topic_replied, post=post)


def _locked_post(pk):
    # Two moderators deciding at once take turns: the second sees the first one's decision.
    return Post.objects.select_for_update().select_related("topic").filter(pk=pk).first()


class NotifyingPostApproveView(PostApproveView):
    """machina's approval of a queued post, which then tells its author and the followers."""

    def approve(self, request, *args, **kwargs):
        with transaction.atomic():
            locked = _locked_post(kwargs["pk"])
            was_approved = locked is not None and locked.approved
            response = super().approve(request, *args, **kwargs)
            if not was_approved:
                post = self.object
                post_became_visible(post)
                on_commit_send(
                    signals.post_moderated,
                    post=post,
                    approved=True,
                    reason="",
                    acting_user=request.user,
                )
        return response


class NotifyingPostDisapproveView(PostDisapproveView):
    """machina's rejection of a queued post (which deletes it), then its author is told."""

    def disapprove(self, request, *args, **kwargs):
        with transaction.atomic():
            # Loaded with its topic now: machina deletes the post (and its topic when it was the
            # only post), and the notification still needs their subject and content.
            post = _locked_post(kwargs["pk"])
            if post is None:
                return super().disapprove(request, *args, **kwargs)
            reason = request.POST.get("reason", "").strip()[:REASON_MAX_LENGTH]
            response = super().disapprove(request, *args, **kwargs)
            if not post.approved:
                on_commit_send(
                    signals.post_moderated,
                    post=post,
                    approved=False,
                    reason=reason,
                    acting_user=request.user,
                )
        return response

"""Signal receivers of the community app."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from machina.apps.forum_conversation.models import Topic

from . import actions, moderation, notifications, signals, tasks
from .models import FollowReason, NotificationKind, WatchedWord
from .roles import CONSUMERS, is_final_post_migrate, sync_roles
from .stories import set_up_stories_indexes


def sync_roles_after_migrate(sender, **kwargs):
    """Keep the role groups in step with community.roles after every migrate."""
    if is_final_post_migrate(sender):
        sync_roles()
        set_up_stories_indexes()


@receiver(user_signed_up, dispatch_uid="community.join_consumers")
def join_consumers_on_sign_up(sender, request, user, **kwargs):
    """Every new account starts as a consumer."""
    consumers, _created = Group.objects.get_or_create(name=CONSUMERS)
    user.groups.add(consumers)


@receiver(signals.tester_application_decided, dispatch_uid="community.tell_tester_applicant")
def tell_applicant_of_decision(sender, application, **kwargs):
    """Queue the e-mail telling the applicant whether they were selected as a tester."""
    tasks.send_tester_decision_email.enqueue(application.pk)


@receiver(signals.idea_voted, dispatch_uid="community.voter_follows")
def voter_follows_idea(sender, vote, **kwargs):
    """Whoever votes for an idea follows it, unless they once chose not to."""
    actions.do_follow_topic_automatically(vote.idea.topic, vote.voter, FollowReason.VOTER)


@receiver(signals.topic_replied, dispatch_uid="community.replier_follows")
def replier_follows_topic(sender, post, **kwargs):
    """Whoever replies to a topic follows it, unless they once chose not to."""
    actions.do_follow_topic_automatically(post.topic, post.poster, FollowReason.REPLIER)


@receiver(signals.topic_replied, dispatch_uid="community.notify_reply")
def notify_reply(sender, post, **kwargs):
    """Tell the followers of the topic and of its forum of a new reply, never the replier."""
    topic = post.topic
    actions.do_notify(
        notifications.reply_recipient_ids(topic),
        NotificationKind.REPLY,
        exclude=[post.poster_id],
        topic=topic,
        post=post,
        actor=post.poster,
        subject=topic.subject,
    )


@receiver(signals.idea_status_changed, dispatch_uid="community.notify_status")
def notify_status_change(sender, idea, change, previous, **kwargs):
    """Tell the idea's followers its new status and the public reason."""
    topic = idea.topic
    actions.do_notify(
        notifications.topic_follower_ids(topic),
        NotificationKind.STATUS,
        exclude=[change.changed_by_id],
        topic=topic,
        status_change=change,
        actor=change.changed_by,
        subject=topic.subject,
        detail=change.status.name,
        reason=change.reason,
    )


@receiver(signals.post_moderated, dispatch_uid="community.notify_moderation")
def notify_moderation(sender, post, approved, reason, acting_user, **kwargs):
    """Tell a post's author that moderators approved or rejected it."""
    topic = post.topic
    fields = {"subject": topic.subject, "actor": acting_user, "reason": reason or ""}
    if approved:
        fields.update(kind=NotificationKind.POST_APPROVED, topic=topic, post=post)
    else:
        # machina deleted the post, and its topic with it when it was the only post.
        kept = Topic.objects.filter(pk=topic.pk).exists()
        fields.update(
            kind=NotificationKind.POST_REJECTED,
            topic=topic if kept else None,
            detail=notifications.excerpt(post.content.raw),
        )
    actions.do_notify([post.poster_id], exclude=[getattr(acting_user, "pk", None)], **fields)


@receiver(signals.post_hidden, dispatch_uid="community.notify_post_hidden")
def notify_post_hidden(sender, post, case, **kwargs):
    """Tell a post's author that reports hid it until a moderator reviews it."""
    actions.do_notify(
        [post.poster_id],
        NotificationKind.POST_HIDDEN,
        topic=post.topic,
        post=post,
        subject=post.topic.subject,
    )


@receiver(signals.idea_promoted, dispatch_uid="community.notify_promotion")
def notify_promotion(sender, idea, story, acting_user, **kwargs):
    """Tell an idea's author, its followers and the story's contributors that it became one."""
    topic = idea.topic
    specific = story.specific
    contributors = set(specific.contributor_ids) if hasattr(specific, "contributor_ids") else set()
    actions.do_notify(
        notifications.topic_follower_ids(topic) | {topic.poster_id} | contributors,
        NotificationKind.PROMOTED,
        exclude=[getattr(acting_user, "pk", None)],
        topic=topic,
        page=story,
        actor=acting_user,
        subject=topic.subject,
    )


@receiver(signals.idea_merged, dispatch_uid="community.notify_merge")
def notify_merge(sender, source, target, acting_user, source_follower_ids, **kwargs):
    """Tell those who followed a merged idea where the conversation goes on."""
    actions.do_notify(
        source_follower_ids,
        NotificationKind.MERGED,
        exclude=[getattr(acting_user, "pk", None)],
        topic=target.topic,
        actor=acting_user,
        subject=target.topic.subject,
        detail=source.topic.subject,
    )


@receiver(post_save, sender=WatchedWord, dispatch_uid="community.watched_word_saved")
@receiver(post_delete, sender=WatchedWord, dispatch_uid="community.watched_word_deleted")
def forget_watched_words(sender, **kwargs):
    """Pre-moderation reads the watched words from the cache: a change clears it."""
    moderation.forget_watched_words()

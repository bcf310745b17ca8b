"""Who is told of what, and how a notification reads and where it leads."""

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .credits import credited_name
from .models import Follow, NotificationKind

#: The words of a rejected post kept in its author's notification.
REJECTED_EXCERPT_WORDS = 40


def topic_follower_ids(topic):
    """The active users following `topic` itself."""
    follows = Follow.objects.filter(topic=topic, is_following=True, user__is_active=True)
    return set(follows.values_list("user_id", flat=True))


def reply_recipient_ids(topic):
    """Followers of `topic` or of its forum, minus those who unfollowed the topic itself.

    An explicit unfollow of a topic wins over following its whole forum (Discourse's "muted").
    """
    rows = Follow.objects.filter(
        Q(topic=topic) | Q(forum_id=topic.forum_id), user__is_active=True
    ).values_list("user_id", "topic_id", "is_following")
    topic_choices = {user_id: following for user_id, topic_id, following in rows if topic_id}
    forum_followers = {
        user_id for user_id, topic_id, following in rows if not topic_id and following
    }
    chosen = {user_id for user_id, following in topic_choices.items() if following}
    return chosen | (forum_followers - topic_choices.keys())


def excerpt(text):
    """The opening words of a post, as plain text."""
    return Truncator(" ".join(str(text or "").split())).words(REJECTED_EXCERPT_WORDS)


def _actor_name(notification):
    # As the forum names them: the username is often the start of their e-mail address.
    actor = notification.actor
    return credited_name(actor) if actor else _("Someone")


def describe(notification):
    """One plain-text sentence saying what happened (escaped wherever it is shown)."""
    values = {
        "actor": _actor_name(notification),
        "subject": notification.subject,
        "detail": notification.detail,
    }
    kind = notification.kind
    if kind == NotificationKind.REPLY:
        return _("%(actor)s replied to “%(subject)s”.") % values
    if kind == NotificationKind.STATUS:
        return _("The idea “%(subject)s” is now “%(detail)s”.") % values
    if kind == NotificationKind.POST_APPROVED:
        return _("Your post in “%(subject)s” is approved: everyone can see it now.") % values
    if kind == NotificationKind.POST_REJECTED:
        return _("Your post in “%(subject)s” was not approved by the moderators.") % values
    if kind == NotificationKind.POST_HIDDEN:
        return (
            _(
                "Your post in “%(subject)s” is hidden after reports from members, until a "
                "moderator reviews it."
            )
            % values
        )
    if kind == NotificationKind.PROMOTED:
        return _("The idea “%(subject)s” became an article on the site. Thank you!") % values
    if kind == NotificationKind.MERGED:
        return _("The idea “%(detail)s” you followed was merged into “%(subject)s”.") % values
    if kind == NotificationKind.CONSENT_REQUEST:
        return (
            _("The story “%(subject)s” quotes or credits you: tell us how you want to be named.")
            % values
        )
    return values["subject"]


def topic_path(topic):
    """The machina page of a topic (its forum must be loaded or cheap to load)."""
    forum = topic.forum
    kwargs = {"forum_slug": forum.slug, "forum_pk": forum.pk, "slug": topic.slug, "pk": topic.pk}
    return reverse("forum_conversation:topic", kwargs=kwargs)


def post_path(topic, post_pk):
    """The address of one post in its topic's page, scrolled to it."""
    return f"{topic_path(topic)}?post={post_pk}#{post_pk}"


def link_path(notification, request=None):
    """Where the notification leads on the site, or "" when its content is gone."""
    kind = notification.kind
    if kind == NotificationKind.CONSENT_REQUEST:
        return reverse("community:story_consent", args=[notification.page_id])
    if kind == NotificationKind.PROMOTED and notification.page and notification.page.live:
        return notification.page.get_url(request) or ""
    topic = notification.topic
    if topic is None:
        return ""
    if kind == NotificationKind.POST_HIDDEN and not topic.approved:
        return ""  # A hidden first post hides its topic: there is nothing to see until it is kept.
    path = topic_path(topic)
    if kind == NotificationKind.STATUS:
        return f"{path}#idea-status"
    if notification.post_id and kind in (NotificationKind.REPLY, NotificationKind.POST_APPROVED):
        return post_path(topic, notification.post_id)
    return path

"""Who may do what in the community app: one named predicate per decision."""

from django.contrib.auth.models import AnonymousUser
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Topic
from machina.apps.forum_permission.handler import PermissionHandler

from .models import Ban, CommunitySettings, ConsentRecord, Idea, campaign_of_forum

#: Where `active_ban` keeps its answer on a user object, so one request asks the database once.
_BAN_CACHE_ATTRIBUTE = "_community_active_ban"


def forums_readable_by_anonymous():
    """The forums anonymous visitors may read, under machina's permissions.

    machina works the permissions out now; the queryset it returns filters on the resulting ids,
    so using it as a subquery costs no further query.
    """
    return PermissionHandler().get_readable_forums(Forum.objects.all(), AnonymousUser())


def can_take_part(user, campaign):
    """Vote or apply on a campaign: signed in, active, on a live and open campaign."""
    return bool(user.is_authenticated and user.is_active and campaign.live and campaign.is_open)


def can_decide_tester_applications(user):
    """Select or decline tester applications (editors)."""
    return user.has_perm("community.change_testerapplication")


def can_view_campaign_results(user):
    """Read vote totals and applications in the admin (editors)."""
    return user.has_perm("community.view_testerapplication")


def can_view_insights(user):
    """Read campaign and site insights in the admin, and export them (editors)."""
    return user.has_perm("community.view_insights")


def can_view_moderation_queue(user):
    """Read the moderation queue and its figures in the admin (moderators and editors)."""
    return user.has_perm("community.view_moderationcase")


def can_decide_moderation_cases(user):
    """Approve or reject held and reported posts (moderators and editors)."""
    return user.has_perm("community.change_moderationcase")


def can_set_idea_status(user):
    """Change an idea's status, with a public reason where the status asks one (moderators)."""
    return user.has_perm("community.add_ideastatuschange")


def is_exempt_from_rate_limits(user):
    """Moderators and editors answer many ideas at once: posting and voting limits spare them."""
    return can_set_idea_status(user)


def can_merge_ideas(user):
    """Merge a duplicate idea into another, moving its votes and followers (moderators)."""
    return user.has_perm("community.merge_idea")


def merged_idea_refusal(idea):
    """Why `idea` takes no votes once merged ("This idea was merged into …"), or None."""
    if idea.merged_into_id is None:
        return None
    target = Topic.objects.only("subject").get(pk=idea.merged_into_id)
    return _("This idea was merged into “%(title)s”: vote for that idea instead.") % {
        "title": target.subject
    }


def idea_votes_frozen_reason(topic):
    """Why nobody's vote on `topic` may change now (unapproved, merged, locked, closed), or None."""
    if not topic.approved:
        return _("This idea is waiting for approval: it cannot receive votes yet.")
    if topic.is_locked:
        # A merge locks its source, so only locked topics can be merged ones: no query otherwise.
        idea = Idea.objects.filter(topic=topic).only("merged_into").first()
        return (idea and merged_idea_refusal(idea)) or _(
            "This idea is locked: its votes can no longer change."
        )
    campaign = campaign_of_forum(topic.forum)
    if campaign is not None and not (campaign.live and campaign.is_open):
        return _("This campaign is not open: its ideas' votes can no longer change.")
    return None


def idea_vote_refusal(user, topic, forum_permissions=None):
    """Why `user` may not vote on (or withdraw a vote from) `topic`, or None when they may.

    `forum_permissions` is the request's machina permission handler, whose answers are cached.
    """
    if not (user.is_authenticated and user.is_active):
        return _("Sign in to vote for ideas.")
    if not (forum_permissions or PermissionHandler()).can_read_forum(topic.forum, user):
        return _("You may not vote in this forum.")
    return idea_votes_frozen_reason(topic)


def can_vote_on_idea(user, topic, forum_permissions=None):
    """Vote for a topic's idea or withdraw the vote: signed in, approved unlocked topic, open."""
    return idea_vote_refusal(user, topic, forum_permissions) is None


def follow_refusal(user, forum):
    """Why `user` may not follow `forum` or one of its topics, or None when they may."""
    if not (user.is_authenticated and user.is_active):
        return _("Sign in to follow ideas and forums.")
    if not PermissionHandler().can_read_forum(forum, user):
        return _("You may not follow this forum.")
    return None


def can_read_notification(user, notification):
    """Read or mark a notification: its recipient only."""
    return user.is_authenticated and notification.recipient_id == user.pk


def can_edit_contributor_profile(acting_user, user):
    """Change a profile, its credit choice and consents: its owner alone."""
    return bool(
        acting_user.is_authenticated and acting_user.is_active and acting_user.pk == user.pk
    )


def account_deletion_refusal(acting_user, user):
    """Why `acting_user` may not delete `user`'s account themselves, or None when they may.

    Only one's own account, and not one with a role in the admin: an administrator removes those,
    so that a site never loses its last administrator or a moderator's trail by a click.
    """
    if not (acting_user.is_authenticated and acting_user.pk == user.pk):
        return _("You may only delete your own account.")
    if user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return _(
            "Accounts with a role in the admin are closed by an administrator: ask one to do it."
        )
    return None


def outdated_consents(user, community_settings=None):
    """The documents `user` accepted in a version that is no longer current (none if never asked).

    People who never answered (accounts older than the sign-up consent) are not asked here.
    """
    if not user.is_authenticated:
        return []
    required = (community_settings or CommunitySettings.load()).required_versions()
    latest = {}
    for record in ConsentRecord.objects.filter(user=user, document__in=list(required)):
        latest[record.document] = record
    return [
        document
        for document, version in required.items()
        if document in latest
        and not (latest[document].given and latest[document].version == version)
    ]


def can_promote_idea(user):
    """Make a draft story of an idea and its replies (editors and moderators)."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("community.promote_idea")
    )


def can_override_story_consent(user):
    """Go on with a story without the answer of a silent contributor, with a note (editors)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("community.override_storyconsent")
    )


def active_ban(user):
    """The ban in force on `user`, or None; asked once per user object (so once per request).

    The cached ban's end is checked again on every call, so a long-lived object sees it expire.
    """
    if not user.is_authenticated:
        return None
    if not hasattr(user, _BAN_CACHE_ATTRIBUTE):
        ban = Ban.objects.in_force().filter(user=user).order_by("-starts_at", "-pk").first()
        setattr(user, _BAN_CACHE_ATTRIBUTE, ban)
    ban = getattr(user, _BAN_CACHE_ATTRIBUTE)
    if ban is not None and ban.ends_at is not None and ban.ends_at <= timezone.now():
        return None
    return ban


def forget_active_ban(user):
    """Drop the answer `active_ban` cached on this user object (after a ban or its lifting)."""
    try:
        delattr(user, _BAN_CACHE_ATTRIBUTE)
    except AttributeError:
        pass


def ban_refusal(ban):
    """What a banned member is told whenever they try to take part: why, and until when."""
    if ban.ends_at is None:
        return _("You cannot take part any more, this ban is for good: %(reason)s") % {
            "reason": ban.reason
        }
    until = formats.date_format(timezone.localtime(ban.ends_at), "DATETIME_FORMAT")
    return _("You cannot take part until %(until)s: %(reason)s") % {
        "until": until,
        "reason": ban.reason,
    }


def can_ban(user):
    """Ban a member (moderators)."""
    return bool(user.is_authenticated and user.has_perm("community.add_ban"))


def can_lift_ban(user):
    """Lift a ban in force before its end (moderators)."""
    return bool(user.is_authenticated and user.has_perm("community.change_ban"))


def ban_target_refusal(acting_user, user):
    """Why `acting_user` may not ban `user` (themselves, a superuser, a moderator), or None."""
    if user.pk == acting_user.pk:
        return _("You cannot ban yourself.")
    if user.is_superuser:
        return _("Administrators cannot be banned.")
    # Anyone who works in the admin (moderators, editors) loses that role first, then a ban.
    if user.has_perm("wagtailadmin.access_admin") or can_set_idea_status(user):
        return _("Moderators and editors cannot be banned: remove their role first.")
    return None


def report_refusal(user, post):
    """Why `user` may not report `post` (beyond being banned), or None when they may."""
    if not (user.is_authenticated and user.is_active):
        return _("Sign in to report a post.")
    if not PermissionHandler().can_read_forum(post.topic.forum, user):
        return _("You may not report posts in this forum.")
    if post.poster_id == user.pk:
        return _("You cannot report your own post.")
    if not post.approved:
        return _("This post is already waiting for a moderator's review.")
    return None

"""Everything the site holds about one person, as the JSON file they download (right of access).

Only the person's own data: what they wrote, chose and did, and what the site recorded about
them. Nobody else's name, e-mail or private data appears (a notification says what happened,
not who did it). One query per kind of data, whatever the amounts.
"""

from allauth.account.models import EmailAddress
from django.utils import timezone
from machina.apps.forum_member.models import ForumProfile
from wagtail.models import ModelLogEntry, PageLogEntry

from ..models import Ban, ConsentRecord, ContributorProfile, Notification
from ..notifications import describe
from . import campaigns, forum

#: Bumped when the shape of the file changes, so that a reader can tell versions apart.
EXPORT_FORMAT = 1


def personal_data(user, request):
    """The person's data as a JSON-ready dict, in a number of queries independent of amounts."""
    pages = campaigns.campaigns_taken_part_in(user)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "account": _account(user),
        "profile": _profile(user, request),
        "consents": _consents(user),
        "topics": forum.topics(user),
        "posts": forum.posts(user),
        "idea_votes": forum.idea_votes(user),
        "variant_votes": campaigns.variant_votes(user, pages, request),
        "poll_votes": forum.poll_votes(user),
        "follows": forum.follows(user),
        "notifications": _notifications(user),
        "tester_applications": campaigns.tester_applications(user, pages, request),
        "badges": campaigns.badges(user),
        "story_credits": campaigns.story_credits(user, request),
        "story_consents": campaigns.story_consents(user),
        "reports_made": forum.reports(user),
        "bans": _bans(user),
        "topics_read": forum.topics_read(user),
        "activity_log": _activity_log(user),
    }


def _account(user):
    return {
        "id": user.pk,
        "username": user.get_username(),
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


def _profile(user, request):
    profiles = ContributorProfile.objects.select_related("signed_up_via")
    profile = profiles.filter(user=user).first()
    forum_profile = ForumProfile.objects.filter(user=user).first()
    data = {"contributor": None, "forum": None}
    if profile is not None:
        campaign = profile.signed_up_via
        data["contributor"] = {
            "display_name": profile.display_name,
            "pseudonym": profile.pseudonym,
            "credit_preference": profile.credit_preference,
            "marketing_opt_in": profile.marketing_opt_in,
            "notification_frequency": profile.notification_frequency,
            "listed_by_search_engines": profile.listed_by_search_engines,
            "created_at": profile.created_at,
            "signed_up_via_campaign": campaign.title if campaign else None,
        }
    if forum_profile is not None:
        avatar = forum_profile.avatar
        data["forum"] = {
            "avatar": request.build_absolute_uri(avatar.url) if avatar else None,
            "signature": getattr(forum_profile.signature, "raw", None) or "",
            "posts_count": forum_profile.posts_count,
        }
    return data


def _consents(user):
    return [
        {
            "document": record.document,
            "version": record.version,
            "given": record.given,
            "recorded_at": record.recorded_at,
        }
        for record in ConsentRecord.objects.filter(user=user)
    ]


def _notifications(user):
    # No actor: who replied or decided is someone else's data; `describe` names nobody here.
    notifications = Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    return [
        {
            "kind": notification.kind,
            "text": describe(_without_actor(notification)),
            "subject": notification.subject,
            "detail": notification.detail,
            "reason": notification.reason,
            "created_at": notification.created_at,
            "read_at": notification.read_at,
            "emailed_at": notification.emailed_at,
        }
        for notification in notifications
    ]


def _without_actor(notification):
    notification.actor = None
    return notification


def _bans(user):
    return [
        {
            "reason": ban.reason,
            "from": ban.starts_at,
            "until": ban.ends_at,
            "lifted_at": ban.lifted_at,
        }
        for ban in Ban.objects.filter(user=user)
    ]


def _activity_log(user):
    """What the audit log recorded the person doing: the action and its time."""
    rows = []
    for model in (ModelLogEntry, PageLogEntry):
        entries = model.objects.filter(user_id=user.pk).values_list("action", "timestamp")
        rows += [{"action": action, "at": timestamp} for action, timestamp in entries]
    return sorted(rows, key=lambda row: row["at"])

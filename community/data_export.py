"""Everything the site holds about one person, as the JSON file they download (right of access).

Only the person's own data: what they wrote, chose and did, and what the site recorded about
them. Nobody else's name, e-mail or private data appears (a notification says what happened,
not who did it). One query per kind of data, whatever the amounts.
"""

from allauth.account.models import EmailAddress
from django.utils import timezone
from machina.apps.forum_conversation.forum_polls.models import TopicPollVote
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_member.models import ForumProfile
from machina.apps.forum_tracking.models import TopicReadTrack
from wagtail.models import ModelLogEntry, PageLogEntry

from .models import (
    BadgeAward,
    Ban,
    CampaignPage,
    ConsentRecord,
    ContributorProfile,
    Follow,
    IdeaVote,
    Notification,
    PostReport,
    StoryConsent,
    StoryCredit,
    TesterApplication,
    VariantVote,
)
from .notifications import describe, post_path, topic_path

#: Bumped when the shape of the file changes, so that a reader can tell versions apart.
EXPORT_FORMAT = 1


def personal_data(user, request):
    """The person's data as a JSON-ready dict, in a number of queries independent of amounts."""
    campaigns = _campaigns(user)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "account": _account(user),
        "profile": _profile(user, request),
        "consents": _consents(user),
        "topics": _topics(user),
        "posts": _posts(user),
        "idea_votes": _idea_votes(user),
        "variant_votes": _variant_votes(user, campaigns, request),
        "poll_votes": _poll_votes(user),
        "follows": _follows(user),
        "notifications": _notifications(user),
        "tester_applications": _tester_applications(user, campaigns, request),
        "badges": _badges(user),
        "story_credits": _story_credits(user, request),
        "story_consents": _story_consents(user),
        "reports_made": _reports(user),
        "bans": _bans(user),
        "topics_read": _topics_read(user),
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


def _topics(user):
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


def _posts(user):
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


def _idea_votes(user):
    votes = IdeaVote.objects.filter(voter=user).select_related("idea__topic__forum")
    return [
        {
            "idea": vote.idea.topic.subject,
            "url": topic_path(vote.idea.topic),
            "voted_at": vote.created_at,
        }
        for vote in votes.order_by("created_at", "pk")
    ]


def _campaigns(user):
    """The campaigns the person voted or applied on, by id (their questions read from raw data)."""
    page_ids = set(VariantVote.objects.filter(voter=user).values_list("page_id", flat=True))
    page_ids |= set(
        TesterApplication.objects.filter(applicant=user).values_list("page_id", flat=True)
    )
    return CampaignPage.objects.in_bulk(page_ids) if page_ids else {}


def _raw_blocks(campaign, block_type):
    """{block id: raw value} of a campaign's blocks of one type: labels without loading images."""
    if campaign is None:
        return {}
    blocks = campaign.body.raw_data
    return {block.get("id"): block["value"] for block in blocks if block["type"] == block_type}


def _variant_label(question, variant_id):
    # Variants are list items {"type": "item", "value": …, "id": …}: votes keep the item's id.
    for variant in question.get("variants", []):
        if variant.get("id") == variant_id:
            return variant["value"].get("label")
    return None


def _campaign_fields(campaign, request):
    if campaign is None:
        return {"campaign": None, "campaign_url": None}
    return {"campaign": campaign.title, "campaign_url": campaign.get_full_url(request)}


def _variant_votes(user, campaigns, request):
    rows = []
    for vote in VariantVote.objects.filter(voter=user).order_by("created_at", "pk"):
        campaign = campaigns.get(vote.page_id)
        question = _raw_blocks(campaign, "variant_vote").get(vote.question_id, {})
        rows.append(
            {
                **_campaign_fields(campaign, request),
                "question": question.get("question"),
                "variant": _variant_label(question, vote.variant_id),
                "voted_at": vote.created_at,
                "changed_at": vote.updated_at,
            }
        )
    return rows


def _poll_votes(user):
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


def _follows(user):
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


def _tester_applications(user, campaigns, request):
    rows = []
    for application in TesterApplication.objects.filter(applicant=user).order_by("created_at"):
        campaign = campaigns.get(application.page_id)
        call = _raw_blocks(campaign, "tester_call").get(application.call_id, {})
        rows.append(
            {
                **_campaign_fields(campaign, request),
                "call": call.get("heading"),
                "motivation": application.motivation,
                "availability": application.availability,
                "consent_to_contact": application.consent_to_contact,
                "status": application.status,
                "applied_at": application.created_at,
                "decided_at": application.decided_at,
            }
        )
    return rows


def _badges(user):
    awards = BadgeAward.objects.filter(user=user).select_related("idea__topic")
    return [
        {
            "badge": award.kind,
            "name": award.get_kind_display(),
            "earned_at": award.earned_at,
            "idea": award.idea.topic.subject if award.idea_id else None,
        }
        for award in awards
    ]


def _story_credits(user, request):
    credits = StoryCredit.objects.filter(user=user).select_related("story")
    return [
        {
            "story": credit.story.title,
            "url": credit.story.get_full_url(request) if credit.story.live else None,
            "live": credit.story.live,
            "credited_at": credit.credited_at,
        }
        for credit in credits
    ]


def _story_consents(user):
    consents = StoryConsent.objects.filter(user=user).select_related("story")
    return [
        {
            "story": consent.story.title,
            "state": consent.state,
            "requested_at": consent.requested_at,
            "decided_at": consent.decided_at,
            "note": consent.note,
        }
        for consent in consents.order_by("requested_at", "pk")
    ]


def _reports(user):
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


def _topics_read(user):
    tracks = TopicReadTrack.objects.filter(user=user).select_related("topic")
    return [
        {"topic": track.topic.subject, "read_at": track.mark_time}
        for track in tracks.order_by("mark_time", "pk")
    ]


def _activity_log(user):
    """What the audit log recorded the person doing: the action and its time."""
    rows = []
    for model in (ModelLogEntry, PageLogEntry):
        entries = model.objects.filter(user_id=user.pk).values_list("action", "timestamp")
        rows += [{"action": action, "at": timestamp} for action, timestamp in entries]
    return sorted(rows, key=lambda row: row["at"])

"""The community app's models, split by concern and re-exported here."""

from .badges import BADGE_DESCRIPTIONS, BadgeAward, BadgeKind, StoryCredit
from .campaigns import (
    CampaignIndexPage,
    CampaignPage,
    CampaignPageMixin,
    CampaignPageQuerySet,
    CampaignStatus,
    campaign_of_forum,
)
from .consent import CommunitySettings, ConsentDocument, ConsentRecord
from .follows import Follow, FollowReason
from .ideas import Idea, IdeaStatus, IdeaStatusChange, IdeaVote
from .moderation import (
    Ban,
    ModerationCase,
    ModerationDecision,
    ModerationReason,
    ModerationSettings,
    PostReport,
    RejectionReason,
    WatchedWord,
    WatchedWordAction,
)
from .notifications import SUBJECT_MAX_LENGTH, Notification, NotificationKind
from .page_views import PageViewDay
from .participation import TesterApplication, TesterApplicationStatus, VariantVote
from .profiles import ContributorProfile, CreditPreference, NotificationFrequency
from .stories import CommunityStoriesIndexPage, CommunityStoryPage, ConsentState, StoryConsent
from .workflows import ContributorConsentTask

__all__ = [
    "PageViewDay",
    "CommunityStoriesIndexPage",
    "CommunityStoryPage",
    "ConsentState",
    "ContributorConsentTask",
    "StoryConsent",
    "Ban",
    "ModerationCase",
    "ModerationDecision",
    "ModerationReason",
    "ModerationSettings",
    "PostReport",
    "RejectionReason",
    "WatchedWord",
    "WatchedWordAction",
    "SUBJECT_MAX_LENGTH",
    "BADGE_DESCRIPTIONS",
    "BadgeAward",
    "BadgeKind",
    "CommunitySettings",
    "ConsentDocument",
    "ConsentRecord",
    "StoryCredit",
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignPageMixin",
    "CampaignPageQuerySet",
    "CampaignStatus",
    "campaign_of_forum",
    "ContributorProfile",
    "CreditPreference",
    "Follow",
    "FollowReason",
    "Idea",
    "IdeaStatus",
    "IdeaStatusChange",
    "IdeaVote",
    "Notification",
    "NotificationFrequency",
    "NotificationKind",
    "TesterApplication",
    "TesterApplicationStatus",
    "VariantVote",
]

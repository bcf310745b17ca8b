"""The community app's models, split by concern and re-exported here."""

from .campaigns import (
    CampaignIndexPage,
    CampaignPage,
    CampaignPageMixin,
    CampaignPageQuerySet,
    CampaignStatus,
    campaign_of_forum,
)
from .ideas import Idea, IdeaStatus, IdeaStatusChange, IdeaVote
from .participation import TesterApplication, TesterApplicationStatus, VariantVote

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignPageMixin",
    "CampaignPageQuerySet",
    "CampaignStatus",
    "campaign_of_forum",
    "Idea",
    "IdeaStatus",
    "IdeaStatusChange",
    "IdeaVote",
    "TesterApplication",
    "TesterApplicationStatus",
    "VariantVote",
]

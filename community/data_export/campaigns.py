"""The person's campaign and story data for their download: votes, applications, outcomes."""

from ..models import (
    BadgeAward,
    CampaignPage,
    StoryConsent,
    StoryCredit,
    TesterApplication,
    VariantVote,
)


def campaigns_taken_part_in(user):
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


def variant_votes(user, campaigns, request):
    """The person's variant votes, with the question and the variant as labelled."""
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


def tester_applications(user, campaigns, request):
    """The person's tester applications, as written, and their outcome."""
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


def badges(user):
    """The badges the person earned."""
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


def story_credits(user, request):
    """The stories that credit the person, linked while live."""
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


def story_consents(user):
    """What the person answered when a story asked to name them."""
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

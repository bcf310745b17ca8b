"""Each published campaign gets its own forum, kept in step with the page."""

from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from machina.apps.forum.models import Forum

from community.models import CampaignPage

CAMPAIGNS_CATEGORY_NAME = _("Campaigns")


def campaigns_category():
    category = Forum.objects.filter(type=Forum.FORUM_CAT, name=str(CAMPAIGNS_CATEGORY_NAME)).first()
    return category or Forum.objects.create(type=Forum.FORUM_CAT, name=str(CAMPAIGNS_CATEGORY_NAME))


def forum_fields(campaign):
    return {
        "name": Truncator(campaign.title).chars(100),
        "description": campaign.intro,
    }


@transaction.atomic
def sync_campaign_forum(campaign):
    """Create the campaign's forum on first publication, or copy the page's name and intro."""
    # Locking the page row makes two simultaneous publications create a single forum.
    campaign = CampaignPage.objects.select_for_update().get(pk=campaign.pk)
    fields = forum_fields(campaign)
    if campaign.forum_id is None:
        forum = Forum.objects.create(parent=campaigns_category(), type=Forum.FORUM_POST, **fields)
        CampaignPage.objects.filter(pk=campaign.pk).update(forum=forum)
        return forum
    forum = campaign.forum
    if any(getattr(forum, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(forum, name, value)
        forum.save()  # machina derives the slug from the name and re-renders the description
    return forum

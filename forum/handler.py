"""machina's permission handler, aware of campaign forums."""

from machina.apps.forum_permission.handler import PermissionHandler

from .campaigns import campaign_of


class CampaignPermissionHandler(PermissionHandler):
    """No new topic in the forum of a campaign that is not open (upcoming, closed or decided)."""

    def can_add_topic(self, forum, user):
        campaign = campaign_of(forum)
        if campaign is not None and not campaign.is_open:
            return False
        return super().can_add_topic(forum, user)

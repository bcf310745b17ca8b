"""What the community admin screens share: the permission gate and tester-call look-ups."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_user_display_name

from community import permissions
from community.models import CampaignPage


class CampaignResultsAccessMixin:
    """Lets in only users who may read campaign results and applications (editors)."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_campaign_results(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CampaignResultsMenuItem(MenuItem):
    """A menu item shown to the users `CampaignResultsAccessMixin` lets in."""

    def is_shown(self, request):
        return permissions.can_view_campaign_results(request.user)


def describe_applications(applications):
    """The applications with their applicant's name, campaign title and call heading set.

    One query for all their campaigns, however many applications there are.
    """
    applications = list(applications)
    campaigns = CampaignPage.objects.in_bulk({application.page_id for application in applications})
    calls = {page_id: campaign.tester_calls for page_id, campaign in campaigns.items()}
    for application in applications:
        campaign = campaigns.get(application.page_id)
        call = calls.get(application.page_id, {}).get(application.call_id)
        application.applicant_name = get_user_display_name(application.applicant)
        application.campaign_title = campaign.title if campaign else ""
        application.call_heading = call["heading"] if call else application.call_id
    return applications

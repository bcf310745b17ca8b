from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

HOME_CAMPAIGNS = 3
HOME_POSTS = 3


class HomePage(Page):
    """The site root: the brand's welcome and the way into its campaigns and forum."""

    intro = models.CharField(_("intro"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from brandsite.blog.models import BlogPage
        from community.models import CampaignPage

        context = super().get_context(request, *args, **kwargs)
        campaigns = CampaignPage.objects.live().public().open()
        context["open_campaigns"] = campaigns.order_by("closes_at", "-opens_at")[:HOME_CAMPAIGNS]
        context["latest_posts"] = BlogPage.objects.latest_published().for_listing()[:HOME_POSTS]
        return context

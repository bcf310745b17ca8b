"""Campaign pages: a product-idea post with its rules, status, outcome and questions."""

from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.http import HttpResponseNotAllowed
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from community.blocks import CampaignBodyBlock, TesterCallBlock, VariantVoteBlock


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Decided")


class CampaignPageQuerySet(PageQuerySet):
    def open(self, now=None):
        """Campaigns taking part now: opened, not closed, or forced open by an editor."""
        now = now or timezone.now()
        by_dates = Q(status_override="", opens_at__lte=now) & (
            Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )
        return self.filter(Q(status_override=CampaignStatus.OPEN) | by_dates)


CampaignPageManager = PageManager.from_queryset(CampaignPageQuerySet)


class CampaignPageMixin(models.Model):
    """What makes a page a campaign; reusable on top of any concrete Page model."""

    intro = models.TextField(_("intro"), max_length=500)
    body = StreamField(CampaignBodyBlock(), verbose_name=_("body"), blank=True)
    what_is_asked = models.TextField(_("what we ask"), max_length=1000)
    who_may_take_part = models.TextField(_("who may take part"), max_length=500, blank=True)
    participant_benefits = models.TextField(_("what participants get"), max_length=1000, blank=True)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    status_override = models.CharField(
        _("status override"),
        max_length=20,
        choices=CampaignStatus.choices,
        blank=True,
        help_text=_("Leave empty to derive the status from the dates and the outcome."),
    )
    outcome = RichTextField(
        _("outcome"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What the brand decided, shown once the campaign is decided."),
    )
    forum = models.OneToOneField(
        "forum.Forum",
        verbose_name=_("forum"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="campaign_page",
    )

    rules_panels = [
        FieldPanel("what_is_asked"),
        FieldPanel("who_may_take_part"),
        FieldPanel("participant_benefits"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("decision_date"),
    ]

    class Meta:
        abstract = True

    @property
    def status(self):
        """The editor's override, else upcoming/open/closed from the dates, decided once told."""
        if self.status_override:
            return CampaignStatus(self.status_override)
        now = timezone.now()
        if now < self.opens_at:
            return CampaignStatus.UPCOMING
        if self.closes_at is None or now < self.closes_at:
            return CampaignStatus.OPEN
        return CampaignStatus.DECIDED if self.outcome else CampaignStatus.CLOSED

    @property
    def is_open(self):
        return self.status == CampaignStatus.OPEN

    def with_content_json(self, content):
        """A revision restores content, never the link to the forum, which belongs to the page."""
        page = super().with_content_json(content)
        page.forum_id = self.forum_id
        return page

    def _blocks_of_type(self, block_class):
        return {
            block.id: block.value for block in self.body if isinstance(block.block, block_class)
        }

    @cached_property
    def variant_questions(self):
        """The variant-vote blocks of the published body, by their stable block id."""
        return self._blocks_of_type(VariantVoteBlock)

    @cached_property
    def tester_calls(self):
        """The tester-call blocks of the published body, by their stable block id."""
        return self._blocks_of_type(TesterCallBlock)


class CampaignIndexPage(RoutablePageMixin, Page):  # noqa: DJ008 - Page defines __str__
    """Lists the brand's campaigns, open ones first, with an RSS feed."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["community.CampaignPage"]

    class Meta:
        verbose_name = _("campaign index")

    def get_campaigns(self):
        """The live, public campaigns of this index."""
        return CampaignPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = self.get_campaigns().order_by("-opens_at")
        context["open_campaigns"] = campaigns.open()
        context["other_campaigns"] = campaigns.exclude(pk__in=context["open_campaigns"])
        context["feed_url"] = self.get_url(request) + self.reverse_subpage("feed")
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from community.feeds import CampaignFeed

        return CampaignFeed(self)(request)


class CampaignPage(RoutablePageMixin, CampaignPageMixin, Page):  # noqa: DJ008 - Page has __str__
    """A product-idea post: what the brand asks, the rules, the questions and the outcome."""

    objects = CampaignPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(CampaignPageMixin.rules_panels, heading=_("Rules")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("status_override"), FieldPanel("outcome")], heading=_("Status and outcome")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("what_is_asked"),
        index.SearchField("body"),
    ]
    parent_page_types = ["community.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        permissions = [("view_insights", _("Can view campaign insights"))]

    def get_context(self, request, *args, **kwargs):
        from community.forms import TesterApplicationForm
        from community.models import TesterApplication
        from community.results import question_states

        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent().specific
        if isinstance(parent, CampaignIndexPage):
            context["feed_index"] = parent
            context["feed_url"] = parent.get_url(request) + parent.reverse_subpage("feed")
        if self.forum_id is not None:
            context["ideas_feed_url"] = self.get_url(request) + self.reverse_subpage("ideas_feed")
        context["question_states"] = question_states(self, request.user)
        # The renditions of every image of the body in one query, instead of one per image.
        images = [block.value for block in self.body if block.block_type == "image"]
        images += [
            variant.value["image"]
            for question in self.variant_questions.values()
            for variant in question["variants"].bound_blocks
            if variant.value["image"]
        ]
        prefetch_related_objects(images, "renditions")
        context["tester_applications"] = {}
        if request.user.is_authenticated:
            applications = TesterApplication.objects.filter(page=self, applicant=request.user)
            context["tester_applications"] = {app.call_id: app for app in applications}
            context["tester_application_form"] = TesterApplicationForm()
        return context

    @path("ideas/feed/", name="ideas_feed")
    def ideas_feed(self, request):
        from community.feeds import CampaignIdeasFeed

        return CampaignIdeasFeed(self)(request)

    @path("vote/<str:question_id>/", name="vote")
    def vote(self, request, question_id):
        from community import views

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return views.cast_variant_vote(request, self, question_id)

    @path("apply/<str:call_id>/", name="apply")
    def apply(self, request, call_id):
        from community import views

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return views.apply_as_tester(request, self, call_id)


def campaign_of_forum(forum):
    """The campaign a machina forum belongs to, or None; remembered on the forum instance."""
    if forum is None or forum.pk is None:
        return None
    if not hasattr(forum, "_campaign_cache"):
        forum._campaign_cache = CampaignPage.objects.filter(forum=forum).first()
    return forum._campaign_cache

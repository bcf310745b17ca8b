"""Stories the brand makes of its community's ideas, and each contributor's consent to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from community.story_blocks import StoryBodyBlock, contributor_ids


class CommunityStoriesIndexPage(RoutablePageMixin, Page):  # noqa: DJ008 - Page has __str__
    """Lists the live stories made of community ideas, newest first, with an RSS feed."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["community.CommunityStoryPage"]

    class Meta:
        verbose_name = _("community stories index")

    def get_stories(self):
        """The live, public stories of this index, newest first."""
        return (
            CommunityStoryPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at", "-pk")
        )

    def feed_url(self, request):
        return self.get_url(request) + self.reverse_subpage("feed")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = self.get_stories()
        context["feed_index"] = self
        context["feed_url"] = self.feed_url(request)
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from community.feeds import StoryFeed

        return StoryFeed(self)(request)


class CommunityStoryPage(Page):  # noqa: DJ008 - Page defines __str__
    """An article made of one idea and its discussion, crediting the people who took part."""

    summary = models.TextField(_("summary"), max_length=500, blank=True)
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"), blank=True)
    # One story per idea: promoting an idea again finds this page instead of making another.
    source_idea = models.OneToOneField(
        "community.Idea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="story",
        verbose_name=_("source idea"),
    )
    source_topic_url = models.CharField(_("discussion address"), max_length=500, blank=True)
    votes_at_promotion = models.PositiveIntegerField(_("votes at promotion"), default=0)
    promoted_at = models.DateTimeField(_("promoted at"), null=True, blank=True)
    promoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("promoted by"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("source_topic_url", read_only=True),
                FieldPanel("votes_at_promotion", read_only=True),
                FieldPanel("promoted_at", read_only=True),
            ],
            heading=_("Promotion"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["community.CommunityStoriesIndexPage"]
    subpage_types = []
    # A copy is a new page that no idea points to: the link stays with the original.
    exclude_fields_in_copy = ["source_idea"]

    class Meta:
        verbose_name = _("community story")
        verbose_name_plural = _("community stories")

    def with_content_json(self, content):
        """A revision restores content, never the promotion record, which belongs to the page."""
        page = super().with_content_json(content)
        for field in ("source_idea_id", "promoted_at", "promoted_by_id", "votes_at_promotion"):
            setattr(page, field, getattr(self, field))
        return page

    @property
    def contributor_ids(self):
        """The accounts this version of the story quotes or credits."""
        return contributor_ids(self.body)

    def anonymous_contributor_ids(self):
        """Contributors who declined to be named on this story: shown as anonymous."""
        return set(
            self.consents.filter(state=ConsentState.DECLINED).values_list("user_id", flat=True)
        )

    def discussion_url(self):
        """The thread the story was made of, where it still exists."""
        from community.notifications import topic_path

        idea = self.source_idea
        if idea is not None and idea.topic.approved:
            return topic_path(idea.topic)
        return self.source_topic_url

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["anonymous_ids"] = self.anonymous_contributor_ids()
        context["discussion_url"] = self.discussion_url()
        parent = self.get_parent().specific
        if isinstance(parent, CommunityStoriesIndexPage):
            context["feed_index"] = parent
            context["feed_url"] = parent.feed_url(request)
        return context


class ConsentState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined: shown as anonymous")
    OVERRIDDEN = "overridden", _("Overridden by an editor")


class StoryConsent(models.Model):
    """Whether one contributor lets a story quote and credit them by name."""

    story = models.ForeignKey(
        CommunityStoryPage,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("story"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="story_consents",
        verbose_name=_("contributor"),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ConsentState.choices, default=ConsentState.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("overridden by"),
    )

    class Meta:
        verbose_name = _("story consent")
        permissions = [("override_storyconsent", _("Can override a contributor's consent"))]
        constraints = [
            models.UniqueConstraint(fields=["story", "user"], name="one_consent_per_story_and_user")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.story_id}: {self.state}"

    @property
    def is_pending(self):
        return self.state == ConsentState.REQUESTED

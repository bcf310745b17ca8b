"""The brand blog: an index page that lists, filters and syndicates its posts, and the posts."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import BlogBodyBlock

POSTS_PER_PAGE = 10
FEED_LENGTH = 20
#: Rendition filters of a post's cover in listings; `prefetch_renditions` must name the same ones
#: as the `srcset_image` tag of includes/blog_post_card.html, or each card costs a query.
CARD_RENDITIONS = ("fill-480x270", "fill-960x540")
#: The same for the authors' portraits on a post's page (templates/blog/blog_page.html).
PORTRAIT_RENDITION = "fill-96x96"


class Author(models.Model):
    """A person who writes for the brand's blog (a snippet, shared by every post they sign)."""

    name = models.CharField(_("name"), max_length=120)
    bio = models.CharField(
        _("short bio"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown under the posts this person signs."),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("bio"), FieldPanel("image")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name


class BlogPageQuerySet(PageQuerySet):
    def latest_published(self):
        """Live, public posts, newest first: what visitors may see, in the order they read it.

        Not named `latest()`, which Django's QuerySet already defines (it returns one object).
        """
        return self.live().public().order_by("-date", "-pk")

    def for_listing(self):
        """Fetch what includes/blog_post_card.html shows in a constant number of queries."""
        return self.prefetch_related(
            "tags",
            Prefetch("blog_authors", queryset=BlogPageAuthor.objects.select_related("author")),
            Prefetch(
                "cover_image",
                queryset=get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS),
            ),
        )


BlogPageManager = PageManager.from_queryset(BlogPageQuerySet)


class BlogIndexPage(RoutablePageMixin, Page):
    """A blog: its posts newest first, an archive per tag and an RSS feed of its latest posts."""

    intro = models.CharField(_("intro"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]

    class Meta:
        verbose_name = _("blog index page")

    def get_posts(self, tag=None):
        """This blog's live, public posts, newest first, ready to be listed."""
        posts = BlogPage.objects.child_of(self).latest_published().for_listing()
        if tag is not None:
            posts = posts.filter(tags=tag)
        return posts

    def get_context(self, request, *args, tag=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page() serves the first page for a non-number and the last one past the end.
        paginator = Paginator(self.get_posts(tag=tag), POSTS_PER_PAGE)
        context["posts"] = paginator.get_page(request.GET.get("page"))
        context["tag"] = tag
        context["feed_url"] = self.get_route_url("feed", request=request)
        return context

    def get_route_url(self, name, *args, request=None):
        """The URL of one of this page's routes, as `{% routablepageurl %}` builds it."""
        return blog_route_url(self.get_url(request=request), name, *args)

    @path("tag/<slug:tag_slug>/", name="tag")
    def posts_by_tag(self, request, tag_slug):
        tag = get_object_or_404(Tag, slug=tag_slug)
        return self.render(request, tag=tag)

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import BlogFeed

        return BlogFeed(self)(request)


def blog_route_url(index_url, name, *args):
    """Add a BlogIndexPage route to the URL of a blog index page."""
    if not index_url.endswith("/"):
        index_url += "/"
    return index_url + BlogIndexPage.get_resolver().reverse(name, *args)


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class BlogPageAuthor(Orderable):
    """One signature of a post, in the order the editor put them."""

    page = ParentalKey("blog.BlogPage", related_name="blog_authors", on_delete=models.CASCADE)
    author = models.ForeignKey(
        Author, verbose_name=_("author"), related_name="+", on_delete=models.CASCADE
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("post author")
        verbose_name_plural = _("post authors")
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="blog_unique_post_author")
        ]


class BlogPage(Page):
    """A post of the brand's blog: a product idea, a campaign's story, a consumer's idea."""

    date = models.DateField(_("post date"), default=datetime.date.today)
    intro = models.CharField(
        _("intro"),
        max_length=300,
        help_text=_("One or two sentences shown in listings, the RSS feed and search results."),
    )
    cover_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("cover image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the cover image shows, for people who cannot see it."),
    )
    body = StreamField(BlogBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True, verbose_name=_("tags"))

    objects = BlogPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover image")
        ),
        FieldPanel("body"),
        InlinePanel("blog_authors", heading=_("Authors"), label=_("Author")),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_image_alt.strip():
            raise ValidationError(
                {"cover_image_alt": _("Describe the cover image: its alt text is required.")}
            )

    @property
    def authors(self):
        """The post's authors in order (prefetched by `for_listing()`)."""
        return [signature.author for signature in self.blog_authors.all()]

    def get_blog_index_url(self, request=None):
        """The URL of this post's blog, without a query.

        A post serves no routes of its own, so its URL is its blog's URL plus its slug: cards
        listed anywhere (the home page too) can link to their blog's tag archives for free.
        """
        post_url = self.get_url(request=request)
        if post_url is None:
            return None
        return post_url.rstrip("/").rsplit("/", 1)[0] + "/"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A preview's unsaved authors and tags are read before this cache (modelcluster), and a
        # new page's preview has nothing in the database to prefetch.
        if self.pk is not None:
            prefetch_related_objects(
                [self],
                "tags",
                Prefetch(
                    "blog_authors",
                    queryset=BlogPageAuthor.objects.select_related("author").prefetch_related(
                        Prefetch(
                            "author__image",
                            queryset=get_image_model().objects.prefetch_renditions(
                                PORTRAIT_RENDITION
                            ),
                        )
                    ),
                ),
            )
        context["blog_index"] = BlogIndexPage.objects.parent_of(self).first()
        if context["blog_index"] is not None:
            context["feed_url"] = context["blog_index"].get_route_url("feed", request=request)
        return context

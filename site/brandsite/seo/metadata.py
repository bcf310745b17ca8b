"""What each public page tells search engines and social networks about itself.

One function builds a page's title, description, canonical address, language alternates and
share image from the context its template is rendered with: a Wagtail page (its promote tab),
a machina forum or topic, or any other view (the brand's defaults, Settings → Brand settings).
The Open Graph protocol: https://ogp.me/.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.urls import translate_url
from django.utils.encoding import escape_uri_path
from django.utils.text import Truncator
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _
from machina.apps.forum.views import ForumView, IndexView
from machina.apps.forum_conversation.models import Post
from machina.apps.forum_conversation.views import TopicView
from wagtail.models import Page

from brandsite.blog.models import BlogPage
from brandsite.core.models import BrandSettings
from community.models import CommunityStoryPage

#: About 1.91:1, the size Open Graph consumers crop to; Wagtail's renditions are cached.
SHARE_RENDITION = "fill-1200x630"
#: What search engines show of a description; longer fallbacks are cut at a word.
DESCRIPTION_LENGTH = 155
#: Open Graph wants language_TERRITORY; a language without a territory gets its usual one.
OG_TERRITORIES = {"en": "en_US", "fr": "fr_FR"}
#: Query parameters that make a distinct page of content; any other one (sort, filter, post)
#: shows content found at the bare URL.
PAGE_PARAMETER = "page"


#: Tags that separate words when HTML becomes text; the others (<b>, <a>…) sit inside words.
BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|div|h[1-6]|blockquote|pre|hr|t[rdh]|table)\b[^>]*>")
ANY_TAG = re.compile(r"<[^>]*>")


@dataclass
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass
class PageMetadata:
    """Everything the head of a page says about it; empty strings are left out of the page."""

    title: str = ""
    share_title: str = ""
    description: str = ""
    canonical_url: str = ""
    alternates: list = field(default_factory=list)
    og_type: str = "website"
    image: ShareImage | None = None
    site_name: str = ""
    locale: str = ""
    locale_alternates: list = field(default_factory=list)
    twitter_site: str = ""
    published_time: datetime | None = None
    modified_time: datetime | None = None
    language: str = ""


def plain_text(markup):
    """Text of sanitised HTML as a reader sees it: no tags, entities decoded, spaces collapsed."""
    text = BLOCK_TAG.sub(" ", str(markup or ""))
    return re.sub(r"\s+", " ", html.unescape(ANY_TAG.sub("", text))).strip()


def excerpt(text, length=DESCRIPTION_LENGTH):
    """`text` cut at a word to fit a search result."""
    return Truncator(text).chars(length) if text else ""


def og_locale(language):
    locale = to_locale(language)
    return locale if "_" in locale else OG_TERRITORIES.get(locale, locale)


def current_page_number(context, request):
    """The number of the page of a paginated list this response shows (1 when not paginated)."""
    for name in ("page_obj", "posts"):
        paginated = context.get(name)
        if isinstance(paginated, PaginatorPage):
            return paginated.number
    raw = request.GET.get(PAGE_PARAMETER, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


def canonical_url(request, page_number=1):
    """This content's one absolute address: the path, plus `?page=N` past the first page.

    The path is quoted and joined to the host by hand: `build_absolute_uri(request.path)` would
    take a path starting with `//` for another host.
    """
    url = request.build_absolute_uri("/")[:-1] + escape_uri_path(request.path)
    return f"{url}?{PAGE_PARAMETER}={page_number}" if page_number > 1 else url


def language_alternates(url):
    """(hreflang, url) of `url` in every language, and x-default; none if it has no translation."""
    alternates = [(code, translate_url(url, code)) for code, _name in settings.LANGUAGES]
    if len({translated for _code, translated in alternates}) < 2:
        return []
    return [*alternates, ("x-default", translate_url(url, settings.LANGUAGE_CODE))]


def share_image(image, alt, request):
    """The share rendition of a Wagtail image, with an absolute URL."""
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_RENDITION)
    return ShareImage(
        url=request.build_absolute_uri(rendition.url),
        width=rendition.width,
        height=rendition.height,
        alt=alt or image.default_alt_text,
    )


def topic_head_post(context):
    """The approved first post of a machina topic page's topic, or None (hidden, held)."""
    topic = context["topic"]
    if not hasattr(topic, "_seo_head_post"):
        posts = context.get("posts") or ()
        head = next((post for post in posts if post.pk == topic.first_post_id), None)
        if head is None:  # a later page of the topic, or a first post nobody may read
            head = (
                Post.objects.select_related("poster__contributor_profile")
                .filter(pk=topic.first_post_id, approved=True)
                .first()
            )
        topic._seo_head_post = head
    return topic._seo_head_post


def _page_metadata(meta, page, brand, request):
    meta.share_title = page.seo_title or page.title
    meta.title = page.seo_title or (
        page.title if page.title == brand.brand_name else f"{page.title} · {brand.brand_name}"
    )
    summary = getattr(page, "intro", "") or getattr(page, "summary", "")
    meta.description = page.search_description or excerpt(plain_text(summary))
    if isinstance(page, BlogPage | CommunityStoryPage):
        meta.og_type = "article"
        meta.published_time = page.first_published_at
        meta.modified_time = page.last_published_at
    if isinstance(page, BlogPage) and page.cover_image_id:
        meta.image = share_image(page.cover_image, page.cover_image_alt, request)


def _forum_metadata(meta, context, brand):
    view = context.get("view")
    if isinstance(view, TopicView):
        topic = context["topic"]
        meta.share_title = topic.subject
        meta.og_type = "article"
        head = topic_head_post(context)
        meta.description = excerpt(plain_text(head.content.rendered)) if head else ""
        meta.published_time = topic.created
        meta.modified_time = head.updated if head else None
    elif isinstance(view, ForumView):
        forum = context["forum"]
        meta.share_title = forum.name
        meta.description = excerpt(plain_text(getattr(forum.description, "rendered", "")))
    elif isinstance(view, IndexView):
        meta.share_title = _("Forum")
    if meta.share_title:
        meta.title = f"{meta.share_title} · {_('Forum')} · {brand.brand_name}"


def build_metadata(context):
    """The metadata of the page rendered with `context`."""
    request = context.get("request")
    meta = PageMetadata(language=get_language() or settings.LANGUAGE_CODE)
    if request is None:
        return meta
    brand = BrandSettings.for_request(request)
    page = context.get("page")
    if isinstance(page, Page):
        _page_metadata(meta, page, brand, request)
    else:
        _forum_metadata(meta, context, brand)
    meta.site_name = brand.brand_name
    meta.title = meta.title or brand.brand_name
    meta.share_title = meta.share_title or meta.title
    meta.description = meta.description or brand.default_meta_description or brand.tagline
    meta.canonical_url = canonical_url(request, current_page_number(context, request))
    meta.alternates = language_alternates(meta.canonical_url)
    meta.locale = og_locale(meta.language)
    meta.locale_alternates = [
        og_locale(code)
        for code, _url in meta.alternates
        if code not in ("x-default", meta.language)
    ]
    meta.image = meta.image or share_image(brand.default_share_image, "", request)
    meta.twitter_site = brand.twitter_site
    return meta

"""JSON-LD of Wagtail pages: the home page, blog posts, stories, campaigns and indexes."""

from wagtail.models import Page, Site

from brandsite.blog.models import BlogIndexPage, BlogPage
from brandsite.core.models import BrandSettings
from community.models import CampaignIndexPage, CommunityStoriesIndexPage, CommunityStoryPage

from .common import (
    absolute,
    breadcrumb_list,
    compact,
    home_url,
    iso_date,
    organization,
    person,
    website,
)

COLLECTION_PAGES = (BlogIndexPage, CampaignIndexPage, CommunityStoriesIndexPage)


def _image(meta):
    return [meta.image.url] if meta.image else None


def _creative_work(schema_type, page, meta, brand, request):
    """What a BlogPosting and an Article share."""
    return compact(
        {
            "@type": schema_type,
            "headline": page.title[:110],
            "description": meta.description,
            "image": _image(meta),
            "datePublished": iso_date(page.first_published_at),
            "dateModified": iso_date(page.last_published_at or page.latest_revision_created_at),
            "publisher": organization(brand, request),
            "mainEntityOfPage": {"@type": "WebPage", "@id": meta.canonical_url},
            "url": meta.canonical_url,
            "inLanguage": meta.language,
        }
    )


def blog_posting(page, meta, brand, request):
    data = _creative_work("BlogPosting", page, meta, brand, request)
    data["datePublished"] = page.date.isoformat()
    data.setdefault("dateModified", data["datePublished"])
    authors = [person(author.name) for author in page.authors]
    data["author"] = authors or organization(brand, request)
    keywords = sorted(tag.name for tag in page.tags.all())
    if keywords:
        data["keywords"] = ", ".join(keywords)
    return data


def story_credits(page, anonymous_ids):
    """(authors, contributors) of a story's credits blocks, as the page names them."""
    authors, contributors, seen = [], [], set()
    for block in page.body:
        if block.block_type != "credits":
            continue
        for credit in block.value["contributors"]:
            key = credit["contributor"] or credit["name"]
            if key in seen:
                continue
            seen.add(key)
            anonymous = credit["contributor"] in anonymous_ids
            credited = person(None if anonymous else credit["name"])
            (authors if credit["role"] == "author" else contributors).append(credited)
    return authors, contributors


def story_article(page, meta, brand, request, context):
    data = _creative_work("Article", page, meta, brand, request)
    authors, contributors = story_credits(page, context.get("anonymous_ids") or set())
    data["author"] = authors or organization(brand, request)
    if contributors:
        data["contributor"] = contributors
    discussion = context.get("discussion_url")
    if discussion:
        data["isBasedOn"] = {
            "@type": "DiscussionForumPosting",
            "url": absolute(request, discussion),
        }
    return data


def web_page(schema_type, page, meta, request):
    return compact(
        {
            "@type": schema_type,
            "@id": meta.canonical_url,
            "url": meta.canonical_url,
            "name": meta.share_title,
            "description": meta.description,
            "image": _image(meta),
            "inLanguage": meta.language,
            "datePublished": iso_date(page.first_published_at),
            "dateModified": iso_date(page.last_published_at),
            "isPartOf": {"@id": f"{home_url(request)}#website"},
        }
    )


def page_trail(page, request, context):
    """The Wagtail pages from the site's home page down to `page`.

    The site's home page comes with the site and the parent is often in the context already
    (a post's blog, a campaign's index): the others take one query.
    """
    site = Site.find_for_request(request)
    root = site.root_page if site is not None else None
    if root is None or not page.path.startswith(root.path):
        return []
    # type(), not isinstance(): isinstance() would evaluate the context's lazy objects, and the
    # CSRF token's would set a cookie on anonymous pages.
    values = context.flatten().values()
    known = {value.path: value for value in values if issubclass(type(value), Page)}
    known.update({root.path: root, page.path: page})
    steps = range(len(root.path), len(page.path) + 1, page.steplen)
    paths = [page.path[:length] for length in steps]
    missing = [path for path in paths if path not in known]
    if missing:
        known.update(
            {ancestor.path: ancestor for ancestor in Page.objects.filter(path__in=missing)}
        )
    trail = [known[path] for path in paths if path in known]
    return [(step.title, absolute(request, step.get_url(request))) for step in trail]


def wagtail_page_items(page, meta, context, request):
    brand = BrandSettings.for_request(request)
    site = Site.find_for_request(request)
    if site is not None and site.root_page_id == page.pk:
        return [organization(brand, request), website(brand, request, meta)]
    if isinstance(page, BlogPage):
        item = blog_posting(page, meta, brand, request)
    elif isinstance(page, CommunityStoryPage):
        item = story_article(page, meta, brand, request, context)
    elif isinstance(page, COLLECTION_PAGES):
        item = web_page("CollectionPage", page, meta, request)
    else:
        # A campaign is a call to take part whose status and results change: a web page, not
        # an editorial article (BlogPosting) nor a list of items (CollectionPage).
        item = web_page("WebPage", page, meta, request)
    return [item, breadcrumb_list(page_trail(page, request, context))]

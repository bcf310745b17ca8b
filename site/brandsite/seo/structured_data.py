"""schema.org JSON-LD of public pages, as Python dicts: https://schema.org/docs/documents.html.

Home: Organization and WebSite (with the site search); blog posts: BlogPosting; community
stories: Article, based on their thread and crediting its contributors as they chose; campaigns:
WebPage; index pages: CollectionPage; approved public threads: DiscussionForumPosting with their
replies; every page but the home page: BreadcrumbList.
"""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext as _
from machina.apps.forum.views import ForumView, IndexView
from machina.apps.forum_conversation.views import TopicView
from machina.apps.forum_permission.handler import PermissionHandler
from wagtail.models import Page, Site

from brandsite.blog.models import BlogIndexPage, BlogPage
from brandsite.core.models import BrandSettings
from community.credits import has_public_profile_link, public_name
from community.models import (
    CampaignIndexPage,
    CommunityStoriesIndexPage,
    CommunityStoryPage,
    Idea,
)

from .metadata import plain_text, topic_head_post

SCHEMA = "https://schema.org"
COLLECTION_PAGES = (BlogIndexPage, CampaignIndexPage, CommunityStoriesIndexPage)


def _date(value):
    return value.isoformat() if value else None


def _compact(data):
    """`data` without its empty values: schema.org readers take a missing property as unknown."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def absolute(request, path):
    return request.build_absolute_uri(path) if path else None


def home_url(request):
    return absolute(request, reverse("wagtail_serve", args=[""]))


def organization(brand, request):
    """The brand, as publisher of the site."""
    logo = None
    if brand.logo is not None:
        rendition = brand.logo.get_rendition("max-600x600")
        logo = _compact(
            {
                "@type": "ImageObject",
                "url": absolute(request, rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        )
    return _compact(
        {
            "@type": "Organization",
            "@id": f"{home_url(request)}#organization",
            "name": brand.brand_name,
            "url": home_url(request),
            "logo": logo,
            "sameAs": brand.same_as_urls,
        }
    )


def website(brand, request, meta):
    """The site, and how to search it (`sitesearch:search` takes `q`)."""
    search_url = absolute(request, reverse("sitesearch:search"))
    return _compact(
        {
            "@type": "WebSite",
            "@id": f"{home_url(request)}#website",
            "name": brand.brand_name,
            "url": home_url(request),
            "description": meta.description,
            "inLanguage": meta.language,
            "publisher": {"@id": f"{home_url(request)}#organization"},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": f"{search_url}?q={{search_term_string}}",
                },
                "query-input": "required name=search_term_string",
            },
        }
    )


def person(name, url=None):
    """A Person; without a name when they chose to stay anonymous."""
    return _compact({"@type": "Person", "name": name, "url": url})


def credited_person(user, request):
    """A forum member as their credit choice names them, linked to their public profile."""
    if user is None:
        return person(None)
    url = None
    if has_public_profile_link(user):
        url = absolute(request, reverse("community:profile", args=[user.pk]))
    return person(public_name(user), url)


def _image(meta):
    return [meta.image.url] if meta.image else None


def _creative_work(schema_type, page, meta, brand, request):
    """What a BlogPosting and an Article share."""
    return _compact(
        {
            "@type": schema_type,
            "headline": page.title[:110],
            "description": meta.description,
            "image": _image(meta),
            "datePublished": _date(page.first_published_at),
            "dateModified": _date(page.last_published_at or page.latest_revision_created_at),
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
    return _compact(
        {
            "@type": schema_type,
            "@id": meta.canonical_url,
            "url": meta.canonical_url,
            "name": meta.share_title,
            "description": meta.description,
            "image": _image(meta),
            "inLanguage": meta.language,
            "datePublished": _date(page.first_published_at),
            "dateModified": _date(page.last_published_at),
            "isPartOf": {"@id": f"{home_url(request)}#website"},
        }
    )


def breadcrumb_list(trail):
    """BreadcrumbList of (name, absolute url) pairs, from the home page down to this page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


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


def _forum_url(forum):
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def forum_trail(request, forum=None, topic=None, topic_url=None):
    """Home › Forum › its categories and forums › the topic."""
    trail = [
        (BrandSettings.for_request(request).brand_name, home_url(request)),
        (_("Forum"), absolute(request, reverse("forum:index"))),
    ]
    if forum is not None:
        for ancestor in [*forum.get_ancestors(), forum]:
            trail.append((ancestor.name, absolute(request, _forum_url(ancestor))))
    if topic is not None:
        trail.append((topic.subject, topic_url))
    return trail


def is_public_topic(topic, request):
    """Whether anonymous visitors may read `topic`: approved, in a forum they can read."""
    if not topic.approved:
        return False
    handler = getattr(request, "forum_permission_handler", None) or PermissionHandler()
    return handler.can_read_forum(topic.forum, AnonymousUser())


def interaction_counter(action, count):
    return {
        "@type": "InteractionCounter",
        "interactionType": f"{SCHEMA}/{action}",
        "userInteractionCount": count,
    }


def _votes_count(topic):
    try:
        return topic.idea.votes_count
    except Idea.DoesNotExist:
        return None


def comment(post, request, topic_url):
    return _compact(
        {
            "@type": "Comment",
            "author": credited_person(post.poster, request),
            "datePublished": _date(post.created),
            "text": plain_text(post.content.rendered),
            "url": f"{topic_url}#{post.pk}",
        }
    )


def discussion_forum_posting(context, request, topic_url):
    """The topic as a DiscussionForumPosting, with the approved replies shown on this page."""
    topic = context["topic"]
    head = topic_head_post(context)
    counters = [interaction_counter("CommentAction", max(topic.posts_count - 1, 0))]
    votes = _votes_count(topic)
    if votes is not None:
        counters.append(interaction_counter("LikeAction", votes))
    replies = [post for post in context.get("posts") or () if post.pk != topic.first_post_id]
    return _compact(
        {
            "@type": "DiscussionForumPosting",
            "@id": topic_url,
            "url": topic_url,
            "headline": topic.subject,
            "text": plain_text(head.content.rendered) if head else None,
            "author": credited_person(head.poster if head else topic.poster, request),
            "datePublished": _date(topic.created),
            "dateModified": _date(head.updated if head else topic.updated),
            "interactionStatistic": counters,
            "comment": [comment(post, request, topic_url) for post in replies],
        }
    )


def _topic_url(topic, request):
    kwargs = {"forum_slug": topic.forum.slug, "forum_pk": topic.forum_id}
    kwargs.update(slug=topic.slug, pk=topic.pk)
    return absolute(request, reverse("forum_conversation:topic", kwargs=kwargs))


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


def forum_items(context, request):
    view = context.get("view")
    if isinstance(view, TopicView):
        topic = context["topic"]
        topic_url = _topic_url(topic, request)
        items = []
        if is_public_topic(topic, request):
            items.append(discussion_forum_posting(context, request, topic_url))
        trail = forum_trail(request, context["forum"], topic, topic_url)
        return [*items, breadcrumb_list(trail)]
    if isinstance(view, ForumView):
        return [breadcrumb_list(forum_trail(request, context["forum"]))]
    if isinstance(view, IndexView):
        return [breadcrumb_list(forum_trail(request))]
    return []


def build_structured_data(context, meta):
    """The JSON-LD objects of the page rendered with `context`, each with its @context."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if isinstance(page, Page):
        items = wagtail_page_items(page, meta, context, request)
    else:
        items = forum_items(context, request)
    return [{"@context": SCHEMA, **item} for item in items]

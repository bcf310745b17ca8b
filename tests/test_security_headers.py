"""Every kind of page and file carries the security headers, and public pages run no inline code.

Public pages allow scripts from our own origin only: no inline script, no event-handler
attribute, no `javascript:` URL, so no nonce is needed. The Wagtail admin (`/admin/`) still
uses inline scripts and is left out of the Content-Security-Policy; it gets the other headers.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.template import loader
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import (
    create_blog_index,
    create_blog_post,
    create_campaign,
    create_campaign_index,
    create_profile,
    create_reply,
    create_stories_index,
    create_topic,
)

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[1]

SITE_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": (
        "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), "
        "geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), "
        "payment=(), serial=(), usb=(), xr-spatial-tracking=()"
    ),
}

# Pages a visitor opens, and what each answers; `{…}` is filled in by `site_addresses`.
VISITOR_PAGES = {
    "home": "/",
    "home in French": "/fr/",
    "blog index": "{blog}",
    "blog post": "{blog_post}",
    "campaign index": "{campaigns}",
    "campaign": "{campaign}",
    "stories index": "{stories}",
    "story": "{story}",
    "site search": "/search/?q=fig",
    "forum index": "/forum/",
    "forum": "{forum}",
    "topic": "{topic}",
    "contributor profile": "/community/people/{author_id}/",
    "sign in": "/accounts/login/",
    "sign up": "/accounts/signup/",
    "password reset": "/accounts/password/reset/",
    "not found": "/no-such-page/",
}
MEMBER_PAGES = {
    "account settings": "/community/account/",
    "notifications": "/community/notifications/",
    "new topic": "{forum}topic/create/",
    "reply": "{topic}post/create/",
    "e-mail addresses": "/accounts/email/",
    "password change": "/accounts/password/change/",
}
FEEDS = {
    "blog feed": "{blog}feed/",
    "campaigns feed": "{campaigns}feed/",
    "campaign ideas feed": "{campaign}ideas/feed/",
    "stories feed": "{stories}feed/",
    "forum feed": "/forum/feeds/topics/",
    "sitemap": "/sitemap.xml",
    "robots.txt": "/robots.txt",
}
FILES = {
    "image rendition": "{rendition}",
    "forum attachment": "/forum/attachment/{attachment_id}/",
    "document": "{document}",
}


@pytest.fixture
def site_addresses(settings, tmp_path):
    """One page, feed and file of every kind, by the names the tables above use."""
    settings.MEDIA_ROOT = tmp_path
    blog = create_blog_index()
    campaigns = create_campaign_index()
    campaign = create_campaign(parent=campaigns)
    stories = create_stories_index()
    from community.models import CommunityStoryPage

    story = stories.add_child(instance=CommunityStoryPage(title="Fig soap", summary="Yours."))
    topic = create_topic(forum=campaign.forum, subject="A fig soap")
    create_profile(topic.poster)
    reply = create_reply(topic)
    from machina.apps.forum_conversation.forum_attachments.models import Attachment

    attachment = Attachment(post=reply)
    attachment.file.save("rules.pdf", ContentFile(b"%PDF-1.4\n"))
    image = get_image_model().objects.create(title="Label", file=get_test_image_file())
    document = get_document_model()(title="Rules")
    document.file.save("rules.pdf", ContentFile(b"%PDF-1.4\n"))
    forum = campaign.forum
    return {
        "blog": blog.url,
        "blog_post": create_blog_post(index=blog).url,
        "campaigns": campaigns.url,
        "campaign": campaign.url,
        "stories": stories.url,
        "story": story.url,
        "forum": f"/forum/forum/{forum.slug}-{forum.pk}/",
        "topic": f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/",
        "author_id": topic.poster_id,
        "attachment_id": attachment.pk,
        "rendition": image.get_rendition("width-100").url,
        "document": document.url,
    }


def policy_of(response):
    return {
        name: values
        for name, *values in (
            part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()
        )
    }


class RunnableCode(HTMLParser):
    """Inline scripts, event-handler attributes and `javascript:` URLs of an HTML page."""

    DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # Data blocks are never run, as the CSP knows.
        if (
            tag == "script"
            and "src" not in attrs
            and attrs.get("type") not in self.DATA_SCRIPT_TYPES
        ):
            self.found.append(("inline script", attrs))
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(("event handler", name))
            if name in self.URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(("javascript: URL", value))


def assert_site_headers(response):
    for header, value in SITE_HEADERS.items():
        assert response.get(header) == value, header


def assert_public_page_policy(response):
    """Scripts and styles from our origin only, nothing inline; no plugin; never framed."""
    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert RunnableCode(response.content.decode()).found == []


@pytest.mark.parametrize("kind", VISITOR_PAGES)
def test_visitors_pages_carry_the_headers_and_run_no_inline_code(client, site_addresses, kind):
    response = client.get(VISITOR_PAGES[kind].format(**site_addresses))
    assert response.status_code == (404 if kind == "not found" else 200)
    assert response["Content-Type"].startswith("text/html")
    assert_site_headers(response)
    assert_public_page_policy(response)


@pytest.mark.parametrize("kind", MEMBER_PAGES)
def test_members_pages_carry_the_headers_and_run_no_inline_code(
    client_as, consumer, site_addresses, kind
):
    create_profile(consumer)
    response = client_as(consumer).get(MEMBER_PAGES[kind].format(**site_addresses))
    assert response.status_code == 200
    assert_site_headers(response)
    assert_public_page_policy(response)


@pytest.mark.parametrize("kind", FEEDS)
def test_feeds_sitemap_and_robots_carry_the_headers(client, site_addresses, kind):
    response = client.get(FEEDS[kind].format(**site_addresses))
    assert response.status_code == 200
    assert_site_headers(response)
    assert policy_of(response)["script-src"] == ["'self'"]


@pytest.mark.parametrize("kind", FILES)
def test_served_files_carry_the_headers_and_run_nothing(client, site_addresses, kind):
    response = client.get(FILES[kind].format(**site_addresses))
    assert response.status_code == 200
    assert_site_headers(response)
    assert policy_of(response)["default-src"] == ["'none'"]
    if not response["Content-Type"].startswith("image/"):
        assert response["Content-Disposition"].startswith("attachment;")


def test_the_500_page_runs_no_inline_code():
    assert RunnableCode(loader.get_template("500.html").render()).found == []


def public_templates():
    """Our templates that render on the site, not in the admin or in e-mails."""
    roots = [
        PROJECT_DIR / "templates",
        PROJECT_DIR / "community" / "templates",
        *(PROJECT_DIR / "site" / "brandsite").glob("*/templates"),
    ]
    return sorted(
        path
        for root in roots
        for path in root.rglob("*.html")
        if not {"admin", "emails"} & set(path.relative_to(root).parts)
    )


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def test_no_public_template_holds_an_inline_script_or_event_handler():
    templates = public_templates()
    assert len(templates) > 40
    offenders = [
        (str(path.relative_to(PROJECT_DIR)), pattern.pattern)
        for path in templates
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, re.compile("javascript:", re.I))
        if pattern.search(path.read_text())
    ]
    assert offenders == []


def test_the_wagtail_admin_is_left_out_of_the_policy_but_gets_the_other_headers(client_as, editor):
    response = client_as(editor).get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert settings.CONTENT_SECURITY_POLICY["EXCLUDE_URL_PREFIXES"] == ["/admin/"]
    assert_site_headers(response)


@pytest.mark.django_db
def test_admin_shows_no_gravatar(client_as, moderator):
    """Staff avatars are not fetched from Gravatar, which would learn a hash of their e-mail."""
    response = client_as(moderator).get("/admin/")
    assert response.status_code == 200
    assert b"gravatar.com" not in response.content

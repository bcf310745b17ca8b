"""Every XSS payload of tests/data/xss on every surface that shows users' text (issue 10).

tests/xss_site.py puts every payload through every path users' text takes; that site is built
once for this module and rolled back after it. Each surface is rendered once (or once per page
of an admin listing), with its listing sizes raised so that one page shows every payload; pages
that show one text each (an idea's own page, a profile, a search) are rendered for a sample.
Each render must hold nothing that can run script (`page_problems`) and show every text that
reached it as text (`missing_texts`): markup that got through would be parsed, not shown.
A test id says how many payloads the surface was given.
"""

import math
import xml.etree.ElementTree as ET
from functools import partial
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse
from django.utils.text import Truncator

from community.admin.moderation import content_preview, describe_reason
from community.emails import digest_message, notification_message
from community.models import CommunityStoryPage, IdeaStatusChange, Notification
from community.notifications import describe
from tests.community.notifying import forum_url, topic_url
from tests.forum.xss import (
    ALL_PAYLOADS,
    SPREAD_SAMPLE,
    missing_texts,
    page_problems,
    unsafe_parts,
)
from tests.xss_site import NEEDLE, build_site_of_payloads

PAYLOADS = ALL_PAYLOADS
SAMPLE = SPREAD_SAMPLE
#: Listing sizes, raised so that one page shows every payload.
EVERYTHING = 100_000
#: What Wagtail's admin listings show per page (ModerationQueueViewSet, TesterApplicationViewSet).
ADMIN_PAGE_SIZE = 50

SURFACES = []


def surface(name, payloads):
    """Register a check of one surface, shown in the test id with the payloads it is given."""

    def register(check):
        counted = f"{payloads} payload" + ("s" if payloads != 1 else "")
        SURFACES.append(pytest.param(check, id=f"{name}: {counted}"))
        return check

    return register


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The site of payloads, in a transaction rolled back once the module's tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site_of_payloads(PAYLOADS, SAMPLE)
        transaction.set_rollback(True)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_inert(html, texts=()):
    assert page_problems(html) == []
    assert missing_texts(html, texts) == []


def names_of(site):
    return [name for name in site.names if name]


def soup_of(html):
    return BeautifulSoup(html, "html.parser")


# The forum


@surface("topic page (reply subjects, texts, edit reasons, names, status reasons)", len(PAYLOADS))
def topic_page(site, client, monkeypatch):
    from forum.views import CreditedTopicView

    monkeypatch.setattr(CreditedTopicView, "paginate_by", EVERYTHING)
    html = html_of(client, topic_url(site.showcase))
    bodies = soup_of(html).select(".post .post-content")
    assert len(bodies) == len(site.replies) + 1
    assert [part for body in bodies for part in unsafe_parts(body.decode_contents())] == []
    reasons = IdeaStatusChange.objects.filter(idea_id=site.showcase.pk).values_list(
        "reason", flat=True
    )
    replies = [reply.__class__.objects.get(pk=reply.pk) for reply in site.replies]
    assert_inert(
        html,
        [reply.subject for reply in replies]
        + [reply.update_reason for reply in replies]
        + names_of(site)
        + list(reasons),
    )


@surface("idea's own page (subject in title, heading, metadata, JSON-LD)", len(SAMPLE))
def idea_pages(site, client, monkeypatch):
    for topic in site.sampled_ideas:
        assert_inert(html_of(client, topic_url(topic)), [topic.subject])


@surface("forum topic list (subjects, names)", len(PAYLOADS))
def forum_topic_list(site, client, monkeypatch):
    from forum.views import SortedForumView

    monkeypatch.setattr(SortedForumView, "paginate_by", EVERYTHING)
    html = html_of(client, forum_url(site.forum))
    assert_inert(html, [topic.subject for topic in site.ideas] + names_of(site))


@surface("forum index (latest poster of each forum)", len(SAMPLE))
def forum_index(site, client, monkeypatch):
    posters = [site.names[site.members.index(topic.poster)] for topic in site.sampled_ideas]
    assert_inert(html_of(client, "/forum/"), [name for name in posters if name])


def feed_items(client, url):
    """[(title, description)] of an RSS feed, as the HTML feed readers render them."""
    response = client.get(url)
    assert response.status_code == 200, url
    # Our own response, not untrusted input: no DTD, no entities.
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    return [
        (item.findtext("title") or "", item.findtext("description") or "")
        for item in channel.iter("item")
    ]


@surface("latest topics feed (subjects, texts, names)", len(PAYLOADS))
def latest_topics_feed(site, client, monkeypatch):
    monkeypatch.setattr("forum.feeds.FEED_LENGTH", EVERYTHING)
    items = feed_items(client, "/forum/feeds/topics/")
    assert len(items) >= len(site.ideas)
    titles = "\n".join(title for title, _description in items)
    descriptions = [description for _title, description in items]
    assert_inert(titles, [topic.subject for topic in site.ideas])
    assert [part for html in descriptions for part in page_problems(html)] == []
    assert missing_texts("\n".join(descriptions), names_of(site)) == []


@surface("campaign ideas feed (subjects, texts)", len(PAYLOADS))
def campaign_ideas_feed(site, client, monkeypatch):
    monkeypatch.setattr("community.feeds.FEED_LENGTH", EVERYTHING)
    items = feed_items(client, f"{site.campaign.url}ideas/feed/")
    titles = "\n".join(title for title, _description in items)
    descriptions = "\n".join(description for _title, description in items)
    assert_inert(titles, [topic.subject for topic in site.ideas])
    assert_inert(descriptions, [topic.first_post.content.raw for topic in site.ideas])


@surface("campaign page (latest and top ideas)", 20)
def campaign_page(site, client, monkeypatch):
    html = html_of(client, site.campaign.url)
    listed = [link.get_text() for link in soup_of(html).select(".idea-call li a")]
    assert len(listed) >= 20
    assert set(listed) <= {topic.subject for topic in site.forum.topics.all()}
    assert_inert(html)


@surface("site search results (subjects, excerpts)", len(PAYLOADS))
def site_search(site, client, monkeypatch):
    monkeypatch.setattr("brandsite.sitesearch.views.RESULTS_PER_PAGE", EVERYTHING)
    html = html_of(client, f"/search/?q={NEEDLE}")
    assert len(soup_of(html).select(".search-result")) == len(site.ideas)
    assert_inert(html, [topic.subject for topic in site.ideas])


# People


@surface("public profile (name, ideas)", len(SAMPLE))
def profile_pages(site, client, monkeypatch):
    for topic in site.sampled_ideas:
        name = site.names[site.members.index(topic.poster)]
        html = html_of(client, reverse("community:profile", args=[topic.poster_id]))
        assert_inert(html, [topic.subject] + ([name] if name else []))


@surface("account settings (own names in the form)", len(SAMPLE))
def account_settings(site, client, monkeypatch):
    for topic in site.sampled_ideas:
        client.force_login(topic.poster)
        html = html_of(client, reverse("community:account_settings"))
        profile = topic.poster.contributor_profile
        inputs = soup_of(html)
        for field in ("pseudonym", "display_name"):
            shown = inputs.find("input", attrs={"name": field}).get("value", "")
            assert shown == getattr(profile, field)
        assert page_problems(html) == []


# The Wagtail admin


def admin_pages(client, url, count):
    """Every page of a Wagtail listing of `count` items."""
    pages = math.ceil(count / ADMIN_PAGE_SIZE)
    return [html_of(client, f"{url}?p={number}") for number in range(1, pages + 1)]


@surface("moderation queue (subjects, texts, hold details)", len(PAYLOADS))
def moderation_queue(site, client, monkeypatch):
    client.force_login(site.editor)
    pages = admin_pages(client, "/admin/moderation/", len(site.held))
    assert [problem for html in pages for problem in page_problems(html)] == []
    texts = [text for case in site.held for text in (case.subject, content_preview(case))]
    assert missing_texts("\n".join(pages), texts + [describe_reason(c) for c in site.held]) == []


@surface("moderation decision (subjects, texts)", len(PAYLOADS))
def moderation_decision(site, client, monkeypatch):
    client.force_login(site.editor)
    ids = urlencode([("id", case.pk) for case in site.held] + [("next", "/admin/moderation/")])
    html = html_of(client, f"/admin/bulk/community/moderationcase/reject/?{ids}")
    assert_inert(html, [case.subject for case in site.held])


@surface("insights (top contributors' names)", len(PAYLOADS))
def insights(site, client, monkeypatch):
    from community.admin import insights as insights_admin
    from community.insights import top_contributors

    monkeypatch.setattr(
        insights_admin, "top_contributors", partial(top_contributors, limit=EVERYTHING)
    )
    client.force_login(site.editor)
    for url in ("/admin/insights/", f"/admin/insights/campaigns/{site.campaign.pk}/"):
        assert_inert(html_of(client, url), names_of(site))


@surface("tester applications listing (motivations, availabilities)", len(PAYLOADS))
def applications_listing(site, client, monkeypatch):
    client.force_login(site.editor)
    pages = admin_pages(client, "/admin/tester-applications/", len(site.applications))
    assert [problem for html in pages for problem in page_problems(html)] == []
    texts = [
        text
        for application in site.applications
        for text in (application.availability, Truncator(application.motivation).chars(80))
    ]
    assert missing_texts("\n".join(pages), texts) == []


@surface("tester application (motivation, availability)", len(SAMPLE))
def application_page(site, client, monkeypatch):
    client.force_login(site.editor)
    for application in site.applications[:: math.ceil(len(PAYLOADS) / len(SAMPLE))]:
        html = html_of(client, f"/admin/tester-applications/{application.pk}/")
        assert_inert(html, [application.motivation, application.availability])


@surface("promotion screen (replies, names)", len(PAYLOADS))
def promotion_screen(site, client, monkeypatch):
    # As before the promotion (the test's transaction is rolled back): the screen, not the draft.
    CommunityStoryPage.objects.filter(pk=site.story.pk).update(source_idea=None)
    client.force_login(site.moderator)
    html = html_of(client, f"/admin/promote/{site.showcase.pk}/")
    assert len(soup_of(html).select("input[name=replies]")) == len(site.replies)
    assert_inert(html, names_of(site))


@surface("story editor (quotes, credits)", len(PAYLOADS))
def story_editor(site, client, monkeypatch):
    client.force_login(site.editor)
    assert_inert(html_of(client, f"/admin/pages/{site.story.pk}/edit/"))


# Stories


def quotes_of(story):
    return [block.value for block in story.body if block.block_type == "quote"]


@surface("promoted story (quotes, credits, summary)", len(PAYLOADS))
def story_page(site, client, monkeypatch):
    story = site.story
    quotes = quotes_of(story)
    assert len(quotes) == len(site.replies)
    texts = [quote["text"] for quote in quotes] + [quote["author_name"] for quote in quotes]
    assert_inert(html_of(client, story.url), texts + [story.title, story.summary])


@surface("story consent (a contributor's quotes)", len(SAMPLE))
def story_consent(site, client, monkeypatch):
    quotes = {quote["contributor"]: quote["text"] for quote in quotes_of(site.story)}
    for topic in site.sampled_ideas:
        client.force_login(topic.poster)
        html = html_of(client, reverse("community:story_consent", args=[site.story.pk]))
        assert_inert(html, [quotes[topic.poster_id]])


@surface("stories feed (title, summary)", 1)
def stories_feed(site, client, monkeypatch):
    index = site.story.get_parent()
    items = feed_items(client, f"{index.url}feed/")
    assert_inert("\n".join(f"{title}\n{text}" for title, text in items), [site.story.summary])


# Notifications


def notification_texts(notification):
    return [describe(notification), notification.reason, notification.detail]


@surface("notification e-mails (subjects, status and rejection reasons, excerpts)", len(PAYLOADS))
def notification_emails(site, client, monkeypatch):
    notifications = list(Notification.objects.filter(recipient=site.watcher).order_by("pk"))
    assert len(notifications) >= 3 * len(site.replies)
    for notification in notifications:
        (html, _type), *_others = notification_message(notification).alternatives
        assert_inert(html, notification_texts(notification))
    (html, _type), *_others = digest_message(site.watcher, notifications).alternatives
    assert_inert(html, [describe(n) for n in notifications] + [n.reason for n in notifications])


@surface("notification list (subjects, reasons)", len(PAYLOADS))
def notification_list(site, client, monkeypatch):
    monkeypatch.setattr("community.notification_views.NOTIFICATIONS_PER_PAGE", EVERYTHING)
    client.force_login(site.watcher)
    notifications = Notification.objects.filter(recipient=site.watcher)
    html = html_of(client, reverse("community:notifications"))
    assert_inert(html, [text for n in notifications for text in (describe(n), n.reason)])


# Registered above, one parameter per surface.
@pytest.mark.django_db
@pytest.mark.parametrize("check", SURFACES)
def test_no_payload_becomes_live_markup_on(check, site, client, monkeypatch):
    check(site, client, monkeypatch)

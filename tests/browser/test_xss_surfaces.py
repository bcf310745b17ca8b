"""The nastiest payloads of the XSS corpus, posted through the real forms by each role, run no
script on any surface where they appear, and leave no script URL to click (issue 10).

The in-process test (tests/test_xss_surfaces.py) renders every payload on every surface; this
one proves a sample in Chromium, from the forms people use to the pages, feeds and e-mails that
show what they wrote. The site's Content-Security-Policy would stop inline script anyway, so it is
bypassed here: what is proved is that the markup itself is inert.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from community import models
from community.actions import do_approve_case
from tests import factories
from tests.browser.signing_in import sign_in
from tests.community.stories import submit
from tests.factories import (
    DEFAULT_PASSWORD,
    create_campaign,
    create_profile,
    create_stories_index,
    create_user,
    variant_vote_block,
)
from tests.forum.xss import ALL_PAYLOADS

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: see test_smoke.py; it restores the rows the migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NASTIEST = [
    "<script>alert(123)</script>",
    '"><script>alert(123)</script>',
    "' onfocus=JaVaSCript:alert(123) autofocus ",
    "<img src=x onerror=alert(123) />",
    "</script><script>alert(123)</script>",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    "<svg/onload=alert('XSS')>",
    "[x](javascript&#58;alert(1))",
    "<http:|><x| oncontentvisibilityautostatechange=alert(origin) "
    "style=display:block;content-visibility:auto>",
    '<a href="javascript:alert(1)">x</a>',
    "<button formaction=javascript:alert(1)>x</button>",
    "javascript:/*--></title></style></textarea></script></xmp>\n"
    "<svg/onload='+/\"`/+/onmouseover=1/+/[*/[]/+alert(42);//'>",
]
#: Texts for fields of many lines: every payload, a paragraph each (browsers send "\r\n").
TEXT = "\n\n".join(NASTIEST)
SUMMARY = TEXT[:400]
#: Texts for one-line fields: as many payloads as fit.
LINE = " ".join(payload.replace("\n", "") for payload in NASTIEST)
PSEUDONYM = "<img src=x onerror=alert(123) />"
REPLIER_EMAIL = "replier@example.com"
DISPLAY_NAME = '"><script>alert(123)</script>'

# Every element is hovered and focused (inline handlers of a payload would fire), then every
# address a click, a submit or a frame would follow is read as the browser resolved it.
SCRIPT_URLS = """() => {
    for (const element of document.querySelectorAll('body *')) {
        for (const type of ['mouseover', 'focus']) {
            element.dispatchEvent(new Event(type, {bubbles: true, cancelable: true}));
        }
    }
    const urls = [
        ...[...document.querySelectorAll('a[href], area[href]')].map(e => e.href),
        ...[...document.querySelectorAll('form')].map(e => e.action),
        ...[...document.querySelectorAll('[formaction]')].map(e => e.formAction),
        ...[...document.querySelectorAll('iframe[src], frame[src], embed[src]')].map(e => e.src),
        ...[...document.querySelectorAll('object[data]')].map(e => e.data),
    ];
    return urls.filter(url => /^\\s*(javascript|vbscript|data):/i.test(String(url)));
}"""


class Surfaces:
    """Browser pages for each role; the dialogs they open and the script URLs they show."""

    def __init__(self, new_page, live_server):
        self.new_page, self.live_server = new_page, live_server
        self.dialogs, self.script_urls, self.seen = [], {}, []

    def page(self, user=None, next_url="/"):
        page = self.new_page(bypass_csp=True)
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        if user is not None:
            sign_in(page, self.live_server, user, next_url)
            page.wait_for_url(re.compile(re.escape(next_url.split("?")[0]) + r"(\?|#|$)"))
        return page

    def check(self, page, name):
        """Hover and focus everything on the page shown, then note its script URLs."""
        self.script_urls[name] = page.evaluate(SCRIPT_URLS)
        page.wait_for_timeout(200)
        self.seen.append(name)

    def open(self, page, path, name=None):
        response = page.goto(f"{self.live_server.url}{path}", wait_until="load")
        assert response.status < 400, path
        self.check(page, name or path)

    def show(self, page, html, name):
        """Show HTML that is not a page of the site (an e-mail, a feed item) as a reader would."""
        page.set_content(html, wait_until="load")
        self.check(page, name)


def fill_editor(page, text):
    # The markdown editor (EasyMDE) stands for the textarea: its API fills it as typing would,
    # without the brackets and quotes it closes by itself.
    page.evaluate("text => document.querySelector('.CodeMirror').CodeMirror.setValue(text)", text)


def sign_up(page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Email").fill(REPLIER_EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(DEFAULT_PASSWORD)
    page.get_by_label("Password (again)").fill(DEFAULT_PASSWORD)
    page.get_by_role("radio", name="my display name").check()
    page.get_by_role("textbox", name="Display name").fill(DISPLAY_NAME)
    page.get_by_label(re.compile(r"^I accept the terms of use")).check()
    page.get_by_label(re.compile(r"^I license my contributions")).check()
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(lambda url: "/accounts/signup/" not in url)


def feed_items(page, live_server, path):
    response = page.request.get(f"{live_server.url}{path}")
    assert response.ok, path
    # Our own response, not untrusted input: no DTD, no entities.
    channel = ET.fromstring(response.body()).find("channel")  # noqa: S314
    return [
        f"<h2>{item.findtext('title')}</h2>{item.findtext('description') or ''}"
        for item in channel.iter("item")
    ]


def post_an_idea(surfaces, author, forum_path):
    """A consumer takes a pseudonym made of markup, then posts an idea of payloads: it is held."""
    page = surfaces.page(author, "/community/account/")
    page.get_by_role("textbox", name="Pseudonym").fill(PSEUDONYM)
    page.get_by_role("button", name="Save my choices").click()
    surfaces.open(page, "/community/account/")
    page.goto(f"{surfaces.live_server.url}{forum_path}topic/create/")
    page.get_by_label("Subject").fill(LINE[:255])
    fill_editor(page, TEXT)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(f"{surfaces.live_server.url}{forum_path}")
    return page, models.ModerationCase.objects.get()


def approve_from_the_queue(surfaces, moderator, case):
    page = surfaces.page(moderator, "/admin/moderation/")
    surfaces.check(page, "moderation queue")
    page.locator(f'input[data-object-id="{case.pk}"]').check()
    page.get_by_role("link", name="Approve the chosen posts").click()
    page.wait_for_url(re.compile(r"/admin/bulk/community/moderationcase/approve/"))
    surfaces.check(page, "moderation decision")
    page.get_by_role("button", name="Yes, approve").click()
    page.wait_for_url(re.compile(r"/admin/moderation/"))
    return page


def reply_report_and_apply(surfaces, moderator, topic, topic_path, campaign, call_id):
    """A newcomer signs up named by markup, replies, reports the idea and applies as a tester."""
    server = surfaces.live_server.url
    page = surfaces.page()
    sign_up(page, surfaces.live_server)
    page.goto(f"{server}{topic_path}post/create/")
    page.get_by_label("Subject").fill(LINE[-255:])
    fill_editor(page, TEXT)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(re.compile(re.escape(topic_path)))
    # The reply waits too; the queue was proved above, its action approves this one.
    reply_case = models.ModerationCase.objects.get(decided_at__isnull=True)
    do_approve_case(reply_case, acting_user=moderator)
    page.goto(f"{server}{topic_path}")
    page.locator(f"[id='{topic.first_post_id}']").get_by_role("link", name="Report").click()
    page.get_by_label("Why should moderators review this post?").fill(TEXT)
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_url(re.compile(re.escape(topic_path)))
    page.goto(f"{server}{campaign.url}")
    tester_call = page.locator(f"#tester-call-{call_id}")
    tester_call.get_by_label("Why would you like to test this product?").fill(TEXT)
    tester_call.get_by_label("When are you available?").fill(LINE[:200])
    tester_call.get_by_label("I agree to be contacted by e-mail about this test.").check()
    tester_call.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(re.escape(campaign.url)))
    return page


def decline_and_promote(surfaces, page, topic_path):
    """A moderator declines the idea with a reason of payloads, then promotes it to a story."""
    page.goto(f"{surfaces.live_server.url}{topic_path}")
    status = page.locator("#idea-status")
    status.get_by_label("New status").select_option("declined")
    status.get_by_label("Public reason").fill(TEXT)
    status.get_by_role("button", name="Change status").click()
    page.wait_for_url(re.compile(re.escape(topic_path)))
    page.get_by_role("link", name="Promote to a story").click()
    surfaces.check(page, "promotion screen")
    page.locator("input[name=replies]").check()
    page.get_by_label("Summary").fill(SUMMARY)
    page.get_by_role("button", name="Create the draft story").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    surfaces.check(page, "story editor")
    return models.CommunityStoryPage.objects.get()


def read_feeds_and_emails(surfaces, paths):
    reader = surfaces.page()
    for path in paths:
        for number, item in enumerate(feed_items(reader, surfaces.live_server, path)):
            surfaces.show(reader, item, f"{path} item {number}")
    emails = [message for message in mail.outbox if message.alternatives]
    assert emails
    for number, message in enumerate(emails):
        (html, _type), *_others = message.alternatives
        surfaces.show(reader, html, f"e-mail {number}: {message.subject}")


def test_payloads_from_every_form_run_no_script_on_any_surface(new_page, live_server):
    assert set(NASTIEST) <= set(ALL_PAYLOADS)
    call = factories.tester_call_block()
    campaign = create_campaign(title="Name our soap", body=[variant_vote_block(), call])
    create_stories_index(title="Stories", slug="stories")
    forum_path = f"/forum/forum/{campaign.forum.slug}-{campaign.forum.pk}/"
    author = create_user(username="author")
    create_profile(author, pseudonym="Fig Lover")
    moderator = create_user("moderator", username="moderator")
    editor = create_user("editor", username="editor")
    surfaces = Surfaces(new_page, live_server)

    author_page, case = post_an_idea(surfaces, author, forum_path)
    topic = case.post.topic
    topic_path = f"{forum_path}topic/{topic.slug}-{topic.pk}/"
    moderator_page = approve_from_the_queue(surfaces, moderator, case)
    replier_page = reply_report_and_apply(
        surfaces, moderator, topic, topic_path, campaign, call["id"]
    )
    story = decline_and_promote(surfaces, moderator_page, topic_path)
    submit(story, moderator)
    surfaces.open(replier_page, f"/community/stories/{story.pk}/consent/")
    story.get_latest_revision().publish(user=editor)
    story.refresh_from_db()
    replier = get_user_model().objects.get(email=REPLIER_EMAIL)

    visitor = surfaces.page()
    for path in (
        topic_path,
        forum_path,
        "/forum/",
        campaign.url,
        story.url,
        story.get_parent().url,
        f"/community/people/{author.pk}/",
        f"/community/people/{replier.pk}/",
        "/search/?q=alert",
        "/search/?" + urlencode({"q": NASTIEST[1]}),
    ):
        surfaces.open(visitor, path)
    surfaces.open(author_page, "/community/notifications/")
    surfaces.open(replier_page, "/community/notifications/")
    surfaces.open(moderator_page, topic_path, "topic page as a moderator")
    editor_page = surfaces.page(editor, "/admin/")
    for path in (
        f"/admin/insights/campaigns/{campaign.pk}/",
        "/admin/tester-applications/",
        f"/admin/tester-applications/{models.TesterApplication.objects.get().pk}/",
        "/admin/moderation/",
    ):
        surfaces.open(editor_page, path)
    read_feeds_and_emails(
        surfaces,
        ["/forum/feeds/topics/", f"{campaign.url}ideas/feed/", f"{story.get_parent().url}feed/"],
    )

    # Every form took its payloads as typed, so they reached the surfaces above.
    assert models.ContributorProfile.objects.get(user=author).pseudonym == PSEUDONYM.strip()
    assert replier.contributor_profile.display_name == DISPLAY_NAME
    topic.refresh_from_db()
    assert topic.subject == LINE[:255].strip()
    assert models.TesterApplication.objects.get().motivation.replace("\r\n", "\n") == TEXT
    assert story.summary.replace("\r\n", "\n") == SUMMARY.strip()
    assert len(surfaces.seen) > 30
    assert surfaces.dialogs == []
    assert {name: urls for name, urls in surfaces.script_urls.items() if urls} == {}

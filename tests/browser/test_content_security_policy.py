"""Chromium opens every kind of public page and reports no policy violation and no console error.

A violation of the Content-Security-Policy, or a Permissions-Policy feature the browser does not
know, shows as a `securitypolicyviolation` event or a console message: both are collected.
"""

import pytest

from tests.browser.signing_in import sign_in
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

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.policyViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched_page(page):
    """The page, recording policy violations, console errors and warnings, and script errors."""
    page.problems = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: message.type in ("error", "warning") and page.problems.append(message.text),
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    return page


def problems_on(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.policyViolations")
    expected_404 = response.status == 404
    console = [
        problem
        for problem in page.problems
        if not (expected_404 and "the server responded with a status of 404" in problem)
    ]
    page.problems.clear()
    return response.status, violations + console


@pytest.fixture
def site_pages(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    campaign = create_campaign(parent=create_campaign_index())
    topic = create_topic(forum=campaign.forum, subject="A fig soap")
    create_profile(topic.poster)
    create_reply(topic)
    stories = create_stories_index()
    from community.models import CommunityStoryPage

    story = stories.add_child(instance=CommunityStoryPage(title="Fig soap", summary="Yours."))
    forum = campaign.forum
    return {
        "home": "/",
        "blog post": create_blog_post(index=create_blog_index()).url,
        "campaign": campaign.url,
        "story": story.url,
        "search": "/search/?q=fig",
        "forum index": "/forum/",
        "forum": f"/forum/forum/{forum.slug}-{forum.pk}/",
        "topic": f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/",
        "profile": f"/community/people/{topic.poster_id}/",
        "sign up": "/accounts/signup/",
        "not found": "/no-such-page/",
    }


def test_visitors_pages_break_no_policy(watched_page, live_server, site_pages):
    found = {}
    for name, path in site_pages.items():
        status, problems = problems_on(watched_page, live_server.url + path)
        assert status == (404 if name == "not found" else 200), name
        if problems:
            found[name] = problems
    assert found == {}


def test_members_posting_pages_break_no_policy(watched_page, live_server, site_pages, consumer):
    create_profile(consumer)
    sign_in(watched_page, live_server, consumer, "/community/account/")
    watched_page.wait_for_url(f"{live_server.url}/community/account/")
    found = {}
    for path in ("/community/account/", f"{site_pages['topic']}post/create/"):
        status, problems = problems_on(watched_page, live_server.url + path)
        assert status == 200, path
        if problems:
            found[path] = problems
    assert found == {}

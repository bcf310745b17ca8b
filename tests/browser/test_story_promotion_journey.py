"""Journey 4: a moderator promotes an idea, its contributors consent, an editor publishes it."""

import re

import pytest

from community.models import CommunityStoryPage
from tests.browser.signing_in import sign_in
from tests.factories import (
    create_campaign,
    create_profile,
    create_reply,
    create_stories_index,
    create_topic,
    create_user,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def accept_on_site(new_page, live_server, user, story):
    page = new_page()
    consent_path = f"/community/stories/{story.pk}/consent/"
    sign_in(page, live_server, user, "/community/notifications/")
    page.wait_for_url(re.compile(r"/community/notifications/$"))
    page.get_by_role("link", name=re.compile("quotes or credits you")).click()
    page.wait_for_url(f"{live_server.url}{consent_path}")
    page.get_by_role("button", name="Accept: name me").click()
    page.wait_for_url(f"{live_server.url}{consent_path}")
    assert page.get_by_text("Your answer: Accepted.").is_visible()


def test_an_idea_becomes_a_credited_story_linked_both_ways(new_page, live_server):
    create_stories_index(title="Stories", slug="stories")
    forum = create_campaign(title="Name our new soap").forum
    author = create_user(username="author")
    create_profile(author, pseudonym="Fig Lover")
    replier = create_user(username="replier")
    create_profile(replier, pseudonym="Cedar Fan")
    bystander = create_user(username="bystander")
    moderator = create_user("moderator", username="moderator")
    editor = create_user("editor", username="editor")
    topic = create_topic(
        forum=forum, poster=author, subject="A fig soap", content="A soap that smells of figs."
    )
    create_reply(topic, poster=replier, content="Yes, with a *cedar* note!")
    create_reply(topic, poster=bystander, content="Not for me.")
    topic_path = f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
    topic_url = f"{live_server.url}{topic_path}"

    moderator_page = new_page()
    sign_in(moderator_page, live_server, moderator, topic_path)
    moderator_page.wait_for_url(topic_url)
    moderator_page.get_by_role("link", name="Promote to a story").click()
    moderator_page.get_by_label(re.compile("Cedar Fan")).check()
    moderator_page.get_by_label("Summary").fill("Our fig soap was your idea.")
    moderator_page.get_by_role("button", name="Create the draft story").click()
    moderator_page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    story = CommunityStoryPage.objects.get()
    moderator_page.get_by_role("button", name="More actions").first.click()
    moderator_page.get_by_role("button", name="Submit to Story publication").click()
    moderator_page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert moderator_page.get_by_text("has been submitted for moderation").is_visible()

    accept_on_site(new_page, live_server, author, story)
    accept_on_site(new_page, live_server, replier, story)

    editor_page = new_page()
    sign_in(editor_page, live_server, editor, f"/admin/pages/{story.pk}/edit/")
    editor_page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    editor_page.get_by_role("button", name="More actions").first.click()
    editor_page.get_by_role("button", name="Approve and Publish", exact=True).click()
    editor_page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    story.refresh_from_db()
    assert story.live

    reader = new_page()
    reader.goto(f"{live_server.url}{story.url}")
    article = reader.locator("article.community-story")
    assert "Yes, with a cedar note!" in article.inner_text()
    credits = article.locator(".story-credits").inner_text()
    assert "Fig Lover" in credits and "Cedar Fan" in credits and "Not for me" not in credits
    article.get_by_role("link", name="Read the discussion").click()
    reader.wait_for_url(topic_url)
    story_link = reader.locator("#idea-story")
    assert "This idea became a story: A fig soap" in story_link.inner_text()
    story_link.get_by_role("link", name="A fig soap").click()
    reader.wait_for_url(f"{live_server.url}{story.url}")

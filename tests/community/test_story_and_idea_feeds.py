"""RSS feeds of community stories and of each campaign's ideas: public content only, escaped."""

import pytest
from wagtail.models import PageViewRestriction

from community.models import CommunityStoryPage
from tests.community.test_profiles import hide_from_anonymous
from tests.factories import (
    create_campaign,
    create_profile,
    create_stories_index,
    create_topic,
    create_user,
    set_idea_status,
)
from tests.feeds import rss_channel

pytestmark = pytest.mark.django_db


def add_story(index, title, live=True, **attrs):
    story = index.add_child(instance=CommunityStoryPage(title=title, live=live, **attrs))
    if live:
        story.save_revision().publish()
    return story


def feed_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return rss_channel(response), response


def test_the_stories_feed_lists_live_public_stories_escaped(client):
    index = create_stories_index(title="Your ideas, made real")
    add_story(index, "Fig <b>&</b> cedar", summary="It came from <script>you</script>.")
    add_story(index, "Draft story", live=False)
    private = add_story(index, "Staff story")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    channel, response = feed_items(client, f"{index.url}feed/")

    assert channel.findtext("title") == "Your ideas, made real"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Fig &lt;b&gt;&amp;&lt;/b&gt; cedar"]
    assert items[0].findtext("description") == "It came from &lt;script&gt;you&lt;/script&gt;."
    assert items[0].findtext("link").startswith("http://testserver/")
    assert not response.cookies


def test_stories_pages_announce_their_feed(client):
    index = create_stories_index(title="Stories")
    story = add_story(index, "A story")
    link = (
        '<link rel="alternate" type="application/rss+xml" title="Stories (RSS)" '
        f'href="{index.url}feed/">'
    )
    for url in (index.url, story.url):
        assert link in client.get(url).content.decode()


def ideas_feed_url(campaign):
    return f"{campaign.url}ideas/feed/"


def test_a_campaign_ideas_feed_lists_approved_ideas_newest_first_with_their_status(
    client, django_capture_on_commit_callbacks
):
    campaign = create_campaign(title="New scent")
    author = create_user()
    create_profile(author, pseudonym="Fig & Moss")
    older = create_topic(forum=campaign.forum, poster=author, subject="Fig <leaf>")
    with django_capture_on_commit_callbacks(execute=True):
        set_idea_status(older, "planned")
    newer = create_topic(
        forum=campaign.forum, subject="Vetiver", content="Smoky <script>alert(1)</script>"
    )
    create_topic(forum=campaign.forum, subject="Waiting for a moderator", approved=False)
    hidden = create_topic(forum=campaign.forum, subject="Hidden after reports")
    hidden.first_post.approved = False
    hidden.first_post.save()
    create_topic(subject="Another forum's idea")

    channel, _response = feed_items(client, ideas_feed_url(campaign))

    assert channel.findtext("title") == "Ideas for New scent"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Vetiver (New)",
        "Fig &lt;leaf&gt; (Planned)",
    ]
    assert items[0].findtext("description") == "Smoky &lt;script&gt;alert(1)&lt;/script&gt;"
    assert items[0].findtext("link").endswith(f"/topic/{newer.slug}-{newer.pk}/")
    assert items[1].findtext("category") == "Planned"
    # dc:creator is plain text, not HTML; the name is the author's credit choice.
    assert items[1].findtext("{http://purl.org/dc/elements/1.1/}creator") == "Fig & Moss"


def test_the_ideas_feed_of_a_forum_visitors_cannot_read_is_empty(client):
    campaign = create_campaign()
    create_topic(forum=campaign.forum, subject="Private idea")
    hide_from_anonymous(campaign.forum)
    channel, _response = feed_items(client, ideas_feed_url(campaign))
    assert channel.findall("item") == []


def test_the_campaign_page_announces_its_ideas_feed(client):
    campaign = create_campaign(title="New scent")
    html = client.get(campaign.url).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Ideas for New scent (RSS)" '
        f'href="{ideas_feed_url(campaign)}">'
    ) in html

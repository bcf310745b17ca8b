"""Each blog's RSS feed: its latest live, public posts, escaped, with their authors."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import create_author, create_blog_index, create_blog_post
from tests.feeds import rss_channel

pytestmark = pytest.mark.django_db

DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def get_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert not response.cookies
    return rss_channel(response)


def titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def day(offset):
    return datetime.date(2026, 1, 1) + datetime.timedelta(days=offset)


def test_feed_describes_the_blog(client, blog):
    channel = get_feed(client, f"{blog.url}feed/")

    assert channel.findtext("title") == "Our blog"
    assert channel.findtext("link") == f"http://testserver{blog.url}"
    assert channel.findtext("description") == "News from the lab."
    assert channel.findall("item") == []


def test_feed_items_carry_title_link_intro_date_authors_and_tags(client, blog):
    post = create_blog_post(
        blog,
        title="Help us choose",
        intro="Three scents, one launch.",
        date=datetime.date(2026, 3, 14),
        authors=[create_author(name="Ada"), create_author(name="Bo")],
        tags=["scent"],
    )

    (item,) = get_feed(client, f"{blog.url}feed/").findall("item")

    assert item.findtext("title") == "Help us choose"
    assert item.findtext("link") == f"http://testserver{post.url}"
    assert item.findtext("description") == "Three scents, one launch."
    assert item.findtext("pubDate") == "Sat, 14 Mar 2026 00:00:00 +0000"
    assert item.findtext(DC_CREATOR) == "Ada, Bo"
    assert [category.text for category in item.findall("category")] == ["scent"]


def test_feed_holds_the_latest_twenty_live_public_posts_of_its_blog(client, blog):
    for offset in range(22):
        create_blog_post(blog, title=f"Day {offset}", date=day(offset))
    create_blog_post(blog, title="Draft", date=day(30), live=False)
    private = create_blog_post(blog, title="Private", date=day(31))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    create_blog_post(create_blog_index(), title="Elsewhere", date=day(32))

    channel = get_feed(client, f"{blog.url}feed/")

    assert titles(channel) == [f"Day {offset}" for offset in range(21, 1, -1)]


def test_feed_escapes_user_text(client, blog):
    create_blog_post(
        blog,
        title="<script>alert('t')</script>",
        intro="<img src=x onerror=alert(1)> & more",
        authors=[create_author(name="<b>Eve</b>")],
    )

    response = client.get(f"{blog.url}feed/")
    (item,) = rss_channel(response).findall("item")

    # Readers decode the XML, then treat titles and descriptions as HTML: both stay text.
    assert b"<script>" not in response.content
    assert b"<img" not in response.content
    assert b"<b>" not in response.content
    assert item.findtext("title") == "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;"
    assert item.findtext("description") == "&lt;img src=x onerror=alert(1)&gt; &amp; more"
    assert item.findtext(DC_CREATOR) == "<b>Eve</b>"


def test_feed_in_french_links_to_french_urls(client, blog):
    post_url = create_blog_post(blog).url

    channel = get_feed(client, f"/fr{blog.url}feed/")

    assert channel.findtext("language") == "fr"
    assert channel.find("item").findtext("link") == f"http://testserver/fr{post_url}"


def test_feed_of_a_private_blog_asks_for_the_password(client, blog):
    create_blog_post(blog, title="Secret plans")
    PageViewRestriction.objects.create(
        page=blog, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    response = client.get(f"{blog.url}feed/")

    assert b"Secret plans" not in response.content

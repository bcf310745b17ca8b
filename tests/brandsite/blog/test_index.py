"""The blog index through HTTP: what it lists, its pages, its tag archives and what they cost."""

import datetime
from html.parser import HTMLParser

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import create_author, create_blog_index, create_blog_post

pytestmark = pytest.mark.django_db

#: Queries of one listing page whatever the number of posts: routing, site and settings, view
#: restrictions, the count and page of posts, then one each for tags, authors, covers, renditions;
#: and the header's section links (pages, then their view restrictions).
INDEX_MAX_QUERIES = 16
#: A tag archive looks its tag up first.
TAG_ARCHIVE_MAX_QUERIES = INDEX_MAX_QUERIES + 1


class Listing(HTMLParser):
    """The titles of the post cards of a page, in order, and the links of its head."""

    def __init__(self, html):
        super().__init__()
        self.titles = []
        self.head_links = []
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.head_links.append(attrs)
        if tag.startswith("h") and "post-card__title" in attrs.get("class", ""):
            self._in_title = True
            self.titles.append("")

    def handle_endtag(self, tag):
        if tag.startswith("h") and self._in_title:
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data


def listing(response):
    assert response.status_code == 200
    return Listing(response.content.decode())


def day(offset):
    return datetime.date(2026, 1, 1) + datetime.timedelta(days=offset)


def test_index_lists_live_public_posts_of_this_blog_newest_first(client, blog):
    create_blog_post(blog, title="Older", date=day(1))
    create_blog_post(blog, title="Newer", date=day(2))
    create_blog_post(blog, title="A draft", date=day(3), live=False)
    private = create_blog_post(blog, title="A private post", date=day(4))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    create_blog_post(create_blog_index(), title="Another blog's post", date=day(5))

    assert listing(client.get(blog.url)).titles == ["Newer", "Older"]


def test_posts_under_a_private_blog_are_not_listed_elsewhere(client, blog):
    """`public()` hides the posts of a private section too, not only the restricted page."""
    from brandsite.blog.models import BlogPage

    private_blog = create_blog_index()
    create_blog_post(private_blog, title="Behind a password")
    PageViewRestriction.objects.create(
        page=private_blog, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    create_blog_post(blog, title="In the open")

    assert [post.title for post in BlogPage.objects.latest_published()] == ["In the open"]


def test_index_paginates_ten_posts_per_page(client, blog):
    for offset in range(12):
        create_blog_post(blog, title=f"Post of day {offset}", date=day(offset))

    first = listing(client.get(blog.url))
    second = listing(client.get(blog.url, {"page": 2}))

    assert first.titles == [f"Post of day {offset}" for offset in range(11, 1, -1)]
    assert second.titles == ["Post of day 1", "Post of day 0"]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("abc", "first"),
        ("", "first"),
        ("2.5", "first"),
        ("0", "last"),
        ("-1", "last"),
        ("99", "last"),
    ],
)
def test_a_bad_page_number_serves_the_first_or_last_page(client, blog, page, expected):
    for offset in range(12):
        create_blog_post(blog, title=f"Post of day {offset}", date=day(offset))

    titles = listing(client.get(blog.url, {"page": page})).titles

    assert titles[0] == ("Post of day 11" if expected == "first" else "Post of day 1")


def test_tag_archive_lists_the_posts_with_that_tag(client, blog):
    create_blog_post(blog, title="Fig leaf", tags=["scent"], date=day(1))
    create_blog_post(blog, title="Olive soap", tags=["soap"], date=day(2))
    create_blog_post(blog, title="Vetiver", tags=["scent", "soap"], date=day(3))
    create_blog_post(blog, title="Draft scent", tags=["scent"], live=False)

    response = client.get(f"{blog.url}tag/scent/")

    assert listing(response).titles == ["Vetiver", "Fig leaf"]
    assert "Posts tagged “scent”" in response.content.decode()


def test_tag_archive_of_an_unknown_tag_is_not_found(client, blog):
    assert client.get(f"{blog.url}tag/nothing-here/").status_code == 404


def test_cards_link_their_tags_to_the_tag_archive(client, blog):
    create_blog_post(blog, tags=["Summer scent"])

    html = client.get(blog.url).content.decode()

    assert f'href="{blog.url}tag/summer-scent/"' in html


def test_index_announces_its_feed_in_the_head(client, blog):
    links = listing(client.get(blog.url)).head_links

    feed = next(link for link in links if link.get("type") == "application/rss+xml")
    assert feed["rel"] == "alternate"
    assert feed["href"] == f"{blog.url}feed/"


def test_index_in_french(client, blog):
    create_blog_post(blog)
    french_url = f"/fr{blog.url}"

    response = client.get(french_url)

    assert response.status_code == 200
    assert "Suivre ce blog par RSS" in response.content.decode()
    assert f'href="{french_url}feed/"' in response.content.decode()


def test_anonymous_reads_set_no_cookie(client, blog):
    post = create_blog_post(blog, tags=["scent"])

    for url in (blog.url, f"{blog.url}?page=2", f"{blog.url}tag/scent/", post.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_user_text_is_escaped(client, blog):
    create_blog_post(blog, title="<script>alert(1)</script>", intro="<b>bold</b>", tags=["<i>"])

    html = client.get(blog.url).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


@pytest.mark.parametrize("post_count", [3, 15])
def test_index_query_count_does_not_grow_with_posts(
    client, blog, make_image, django_assert_max_num_queries, post_count
):
    authors = [create_author(), create_author()]
    for number in range(post_count):
        create_blog_post(
            blog,
            tags=[f"tag-{number}", "shared"],
            authors=authors,
            cover_image=make_image(),
            cover_image_alt="A photo",
        )
    client.get(blog.url)  # the first view creates the renditions

    with django_assert_max_num_queries(INDEX_MAX_QUERIES):
        response = client.get(blog.url)
    with django_assert_max_num_queries(TAG_ARCHIVE_MAX_QUERIES):
        client.get(f"{blog.url}tag/shared/")

    assert len(listing(response).titles) == min(post_count, 10)
    assert response.content.decode().count("<img") == min(post_count, 10)

"""A blog post through HTTP: its semantic markup, its links and what it costs."""

import datetime
import uuid

import pytest

from tests.factories import create_author, create_blog_post

pytestmark = pytest.mark.django_db

#: Queries of a post's page: routing, site and settings, view restrictions, tags, authors with
#: their portraits and renditions, the blog index, the cover and its renditions, body images;
#: and the header's section links (pages, then their view restrictions).
POST_MAX_QUERIES = 18


def block(block_type, value):
    return {"type": block_type, "id": str(uuid.uuid4()), "value": value}


@pytest.fixture
def post(blog, make_image):
    author = create_author(name="Ada Perfumer", bio="Nose of the house.", image=make_image())
    return create_blog_post(
        blog,
        title="Help us choose our new scent",
        intro="Three scents, one launch: your vote decides.",
        date=datetime.date(2026, 3, 14),
        tags=["scent", "Launch 2026"],
        authors=[author, create_author(name="Bo Tester")],
        cover_image=make_image(title="Cover"),
        cover_image_alt="Three glass bottles on a bench",
        body=[
            block("heading", {"text": "What we ask", "level": "h2"}),
            block("paragraph", "<p>Pick the scent you <b>love</b>.</p>"),
            block(
                "image",
                {"image": make_image().pk, "alt_text": "The fig leaf", "caption": "Fig leaf"},
            ),
            block("quote", {"quote": "I smell summer.", "attribution": "Camille"}),
        ],
    )


def test_post_page_is_semantic_and_complete(client, blog, post):
    response = client.get(post.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert '<article class="blog-post">' in html
    assert '<h1 class="blog-post__title">Help us choose our new scent</h1>' in html
    assert '<time datetime="2026-03-14">' in html
    assert "Ada Perfumer, Bo Tester" in html
    assert "Nose of the house." in html
    assert 'alt="Three glass bottles on a bench"' in html
    assert 'srcset="' in html
    assert '<h2 class="block-heading">What we ask</h2>' in html
    assert "<b>love</b>" in html
    assert 'alt="The fig leaf"' in html
    assert '<figcaption class="block-figure__caption">Fig leaf</figcaption>' in html
    assert "<blockquote" in html and "I smell summer." in html
    assert f'href="{blog.url}tag/scent/"' in html
    assert f'href="{blog.url}tag/launch-2026/"' in html
    feed_link = f'type="application/rss+xml" title="Our blog (RSS)" href="{blog.url}feed/">'
    assert f'<link rel="alternate" {feed_link}' in html
    assert 'content="Three scents, one launch: your vote decides."' in html


def test_post_page_escapes_user_text(client, blog):
    post = create_blog_post(
        blog,
        title="<script>alert('title')</script>",
        intro="<img src=x onerror=alert(1)>",
        authors=[create_author(name="<b>Eve</b>")],
        body=[block("quote", {"quote": "<script>alert('quote')</script>", "attribution": ""})],
    )

    html = client.get(post.url).content.decode()

    assert "<script>alert(" not in html
    assert "<img src=x" not in html
    assert "<b>Eve</b>" not in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in html


def test_post_page_query_count(client, post, django_assert_max_num_queries):
    client.get(post.url)  # the first view creates the renditions

    with django_assert_max_num_queries(POST_MAX_QUERIES):
        response = client.get(post.url)

    assert response.status_code == 200


def test_draft_and_private_posts_are_not_served_to_visitors(client, blog):
    from wagtail.models import PageViewRestriction

    draft = create_blog_post(blog, live=False)
    private = create_blog_post(blog)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert client.get(draft.url).status_code == 404
    response = client.get(private.url)
    assert response.status_code == 200
    assert private.intro not in response.content.decode()

"""The blog's models as other pages use them: the latest posts and the post card."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from brandsite.blog.models import BlogPage
from tests.factories import create_author, create_blog_index, create_blog_post

pytestmark = pytest.mark.django_db


def test_latest_published_lists_live_public_posts_of_every_blog_newest_first(blog):
    create_blog_post(blog, title="January", date=datetime.date(2026, 1, 1))
    create_blog_post(create_blog_index(), title="February", date=datetime.date(2026, 2, 1))
    create_blog_post(blog, title="Draft", live=False)
    private = create_blog_post(blog, title="Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    titles = [post.title for post in BlogPage.objects.latest_published()]

    assert titles == ["February", "January"]


def test_post_card_renders_a_listed_post_without_queries(blog, django_assert_num_queries):
    create_blog_post(blog, title="Fig leaf", tags=["scent"], authors=[create_author(name="Ada")])
    create_blog_post(blog, title="Vetiver", tags=["soap"], authors=[create_author(name="Bo")])
    second, first = BlogPage.objects.latest_published().for_listing()[:3]
    request = RequestFactory().get("/")

    def card(post):
        context = {"post": post, "heading_level": 3}
        return render_to_string("includes/blog_post_card.html", context, request=request)

    card(first)  # the first link of a request looks its site up
    with django_assert_num_queries(0):
        html = card(second)

    assert '<h3 class="post-card__title"' in html
    assert f'href="{second.url}"' in html
    assert "Bo" in html
    assert f'href="{blog.url}tag/soap/"' in html


def test_blog_index_url_comes_from_the_post_url(blog):
    post = create_blog_post(blog)

    assert post.get_blog_index_url() == blog.url


def test_cover_image_without_alt_text_is_invalid(blog, make_image):
    post = create_blog_post(blog)
    post.cover_image = make_image()

    with pytest.raises(ValidationError) as error:
        post.full_clean()

    assert "cover_image_alt" in error.value.message_dict

"""Editors write the blog in the Wagtail admin: page rules, the post form and the authors."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from brandsite.blog.blocks import PARAGRAPH_FEATURES
from brandsite.blog.models import Author, BlogIndexPage, BlogPage
from brandsite.home.models import HomePage
from tests.factories import create_author


class BlogPageTreeTests(WagtailPageTestCase):
    def test_a_blog_lives_under_the_home_page(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})

    def test_a_blog_holds_only_posts(self):
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPage})

    def test_a_post_lives_in_a_blog_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(BlogPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(BlogPage, set())
        self.assertCanNotCreateAt(HomePage, BlogPage)


def add_post_url(blog):
    return reverse("wagtailadmin_pages:add", args=["blog", "blogpage", blog.pk])


def post_form(**fields):
    """The add form of a blog post as the admin posts it, to publish."""
    data = {
        "title": "Help us choose our new scent",
        "slug": "help-us-choose",
        "date": "2026-03-14",
        "intro": "Three scents, one launch: your vote decides.",
        "cover_image": "",
        "cover_image_alt": "",
        "body": streamfield([]),
        "blog_authors": inline_formset([]),
        "tags": "",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.mark.django_db
def test_editor_opens_the_post_form_and_chooses_among_authors(client_as, editor, blog):
    create_author(name="Ada Perfumer")
    client = client_as(editor)

    form = client.get(add_post_url(blog))
    chooser = client.get(reverse("wagtailsnippetchoosers_blog_author:choose"))

    assert form.status_code == 200
    fields = form.context["form"].fields
    assert {"date", "intro", "cover_image", "cover_image_alt", "body", "tags"} <= set(fields)
    assert "blog_authors" in form.context["form"].formsets
    assert chooser.status_code == 200
    assert "Ada Perfumer" in chooser.content.decode()


@pytest.mark.django_db
def test_editor_writes_and_publishes_a_post(client_as, editor, blog, make_image):
    cover, photo = make_image(title="Cover"), make_image(title="Fig")
    ada, bo = create_author(name="Ada"), create_author(name="Bo")
    client = client_as(editor)

    response = client.post(
        add_post_url(blog),
        post_form(
            cover_image=cover.pk,
            cover_image_alt="Three bottles on a bench",
            body=streamfield(
                [
                    ("heading", {"text": "What we ask", "level": "h2"}),
                    (
                        "paragraph",
                        rich_text("<p>Pick the one you love.</p>", features=PARAGRAPH_FEATURES),
                    ),
                    ("image", {"image": photo.pk, "alt_text": "A fig leaf", "caption": ""}),
                    ("quote", {"quote": "I smell summer.", "attribution": "Camille"}),
                ]
            ),
            blog_authors=inline_formset([{"author": bo.pk}, {"author": ada.pk}]),
            tags="scent, launch",
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    post = BlogPage.objects.get(slug="help-us-choose")
    assert post.live
    assert post.get_parent().pk == blog.pk
    assert post.owner == editor
    assert [child.block_type for child in post.body] == ["heading", "paragraph", "image", "quote"]
    assert [author.name for author in post.authors] == ["Bo", "Ada"]
    assert sorted(tag.name for tag in post.tags.all()) == ["launch", "scent"]
    client.logout()
    assert "Pick the one you love." in client.get(post.url).content.decode()


@pytest.mark.django_db
def test_a_cover_image_needs_its_alt_text(client_as, editor, blog, make_image):
    response = client_as(editor).post(
        add_post_url(blog), post_form(cover_image=make_image().pk, cover_image_alt="  ")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["cover_image_alt"] == [
        "Describe the cover image: its alt text is required."
    ]
    assert "Describe the cover image: its alt text is required." in response.content.decode()
    assert not BlogPage.objects.exists()


@pytest.mark.django_db
def test_an_image_block_needs_its_alt_text(client_as, editor, blog, make_image):
    response = client_as(editor).post(
        add_post_url(blog),
        post_form(body=streamfield([("image", {"image": make_image().pk, "alt_text": ""})])),
    )

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not BlogPage.objects.exists()


@pytest.mark.django_db
def test_admin_manages_authors_as_snippets(client_as, admin_user):
    client = client_as(admin_user)
    create_author(name="Ada Perfumer")

    listing = client.get(reverse(Author.snippet_viewset.get_url_name("list")))
    created = client.post(
        reverse(Author.snippet_viewset.get_url_name("add")),
        {"name": "Bo Tester", "bio": "Tries everything first."},
    )

    assert listing.status_code == 200
    assert "Ada Perfumer" in listing.content.decode()
    assert created.status_code == 302
    assert Author.objects.filter(name="Bo Tester").exists()


@pytest.mark.django_db
def test_editor_previews_a_new_post_with_its_authors_and_tags(client_as, editor, blog):
    client = client_as(editor)
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=["blog", "blogpage", blog.pk])
    form = post_form(
        blog_authors=inline_formset([{"author": create_author(name="Ada").pk}]),
        tags="scent",
        body=streamfield([("quote", {"quote": "I smell summer.", "attribution": ""})]),
    )

    assert client.post(preview_url, form).json()["is_valid"]
    html = client.get(preview_url).content.decode()

    assert "Help us choose our new scent" in html
    assert "Ada" in html
    assert f'href="{blog.url}tag/scent/"' in html
    assert "I smell summer." in html
    assert not BlogPage.objects.exists()


@pytest.mark.django_db
def test_editor_previews_changes_to_a_published_post(client_as, editor, blog):
    from tests.factories import create_blog_post

    post = create_blog_post(blog, authors=[create_author(name="Ada")], tags=["scent"])
    ada = post.blog_authors.get()
    client = client_as(editor)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[post.pk])
    form = post_form(
        slug=post.slug,
        blog_authors=inline_formset(
            [
                {"id": ada.pk, "author": ada.author_id, "DELETE": "1"},
                {"author": create_author(name="Bo").pk},
            ],
            initial=1,
        ),
        tags="soap",
    )

    assert client.post(preview_url, form).json()["is_valid"]
    html = client.get(preview_url).content.decode()

    assert "Bo" in html and "Ada" not in html
    assert f'href="{blog.url}tag/soap/"' in html
    assert f'href="{blog.url}tag/scent/"' not in html


def test_editors_add_authors_and_moderators_cannot(client_as, editor, moderator):
    add_url = reverse("wagtailsnippets_blog_author:add")
    response = client_as(editor).post(add_url, {"name": "Noa Maker", "bio": "Soap maker."})
    assert response.status_code == 302
    assert Author.objects.filter(name="Noa Maker").exists()

    response = client_as(moderator).post(add_url, {"name": "Intruder", "bio": ""})
    assert response.status_code == 302  # Wagtail's "permission denied" redirect
    assert not Author.objects.filter(name="Intruder").exists()

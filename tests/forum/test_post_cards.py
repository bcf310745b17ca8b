"""A topic page's posts are rendered once and reused, yet each reader sees their own controls
and every change to a post, its poster or its attachments shows on the next page."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from machina.apps.forum_conversation.forum_attachments.models import Attachment
from machina.apps.forum_permission.models import ForumPermission, UserForumPermission

from forum.templatetags.forum_pagination import shown_page_numbers
from tests.factories import create_profile, create_reply, create_topic, create_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def topic_url(topic):
    forum = topic.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"


def page_as(user, topic):
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(topic_url(topic))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def author():
    user = create_user()
    create_profile(user, pseudonym="Lavender Fan")
    return user


@pytest.fixture
def topic(author):
    return create_topic(poster=author, subject="A rosemary soap", content="Rosemary and mint.")


def test_each_reader_sees_their_own_controls_on_reused_posts(author, topic, moderator):
    reader = create_user()
    first = page_as(reader, topic)  # renders and keeps the card
    assert "Report</button>" in first or ">Report<" in first
    assert "btn-warning" not in first  # no Edit button on another's idea

    mine = page_as(author, topic)
    assert "btn-warning" in mine  # their Edit button
    assert ">Report<" not in mine
    assert "Rosemary and mint." in mine

    moderated = page_as(moderator, topic)
    assert "btn-warning" in moderated
    assert "btn-danger" in moderated

    anonymous = page_as(None, topic)
    assert "btn-warning" not in anonymous
    assert ">Report<" not in anonymous
    assert anonymous.count("Rosemary and mint.") >= 1


def test_an_edited_post_and_a_renamed_poster_show_at_once(author, topic):
    assert "Lavender Fan" in page_as(None, topic)
    post = topic.first_post
    post.content = "Rosemary, mint and a little sage."
    post.save()
    profile = author.contributor_profile
    profile.pseudonym = "Sage Fan"
    profile.save()
    html = page_as(None, topic)
    assert "a little sage" in html
    assert "Sage Fan" in html
    assert "Lavender Fan" not in html


def test_a_post_cannot_smuggle_the_controls_marker(author, topic, moderator):
    create_reply(topic, create_user(), content="<!--post-controls--> sneaky")
    html = page_as(moderator, topic)
    # One Delete button per post: the marker in the reply's text was not filled in.
    assert html.count("btn-danger") == 2


def test_attachments_are_listed_only_to_readers_who_may_download_them(topic):
    UserForumPermission.objects.create(
        forum=topic.forum,
        anonymous_user=True,
        permission=ForumPermission.objects.get(codename="can_download_file"),
        has_perm=False,
    )
    reply = create_reply(topic, create_user())
    attachment = Attachment(post=reply)
    attachment.file.save("label.pdf", ContentFile(b"%PDF-1.4 label"))

    member_page = page_as(create_user(), topic)  # fills the cache with the member's cards
    assert "label.pdf" in member_page
    assert "label.pdf" not in page_as(None, topic)


def test_a_new_attachment_shows_on_the_next_page(topic):
    reply = create_reply(topic, create_user())
    assert "notes.pdf" not in page_as(None, topic)
    attachment = Attachment(post=reply)
    attachment.file.save("notes.pdf", ContentFile(b"%PDF-1.4 notes"))
    assert "notes.pdf" in page_as(None, topic)


@pytest.mark.parametrize(
    ("current", "last", "shown"),
    [
        (1, 1, [1]),
        (1, 6, [1, 2, 3, 4, 5, 6]),
        (1, 67, [1, 2, 3, 4, 5, None, 67]),
        (5, 67, [1, None, 3, 4, 5, 6, 7, None, 67]),
        (4, 67, [1, 2, 3, 4, 5, 6, None, 67]),
        (67, 67, [1, None, 63, 64, 65, 66, 67]),
        (64, 67, [1, None, 62, 63, 64, 65, 66, 67]),
    ],
)
def test_long_topics_link_the_ends_and_the_pages_around_the_current_one(current, last, shown):
    assert shown_page_numbers(current, last) == shown

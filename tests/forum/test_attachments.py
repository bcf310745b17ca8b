"""Forum attachments: a few kinds, recognised by their content, small, and downloaded safely."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from machina.apps.forum_conversation.forum_attachments.models import Attachment
from machina.apps.forum_conversation.models import Post
from PIL import Image

from tests.factories import create_reply, create_topic

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def topic():
    return create_topic()


def image_bytes(image_format="PNG", size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#7c3aed").save(buffer, format=image_format)
    return buffer.getvalue()


def reply_url(topic):
    forum = topic.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/post/create/"


def reply(client, topic, upload=None, **extra):
    data = {
        "subject": "Re",
        "content": "The label, attached.",
        "attachment-TOTAL_FORMS": "1",
        "attachment-INITIAL_FORMS": "0",
        **extra,
    }
    if upload is not None:
        data["attachment-0-file"] = upload
    return client.post(reply_url(topic), data)


def files_in(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def refusal(client, topic, upload, media_root):
    """Post `upload` and return the attachment's form error; assert nothing was written."""
    replies_before = Post.objects.count()
    response = reply(client, topic, upload)
    assert response.status_code == 200
    assert "There are some errors in the attachments you submitted." in response.content.decode()
    assert Post.objects.count() == replies_before
    assert not Attachment.objects.exists()
    assert files_in(media_root) == []
    [error] = response.context["attachment_formset"].forms[0].errors["file"]
    return error


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("label.png", image_bytes("PNG")),
        ("label.jpg", image_bytes("JPEG")),
        ("label.jpeg", image_bytes("JPEG")),
        ("label.webp", image_bytes("WEBP")),
        ("label.gif", image_bytes("GIF")),
        ("rules.pdf", PDF),
    ],
)
def test_images_and_pdfs_are_attached(client_as, moderator, topic, name, content):
    response = reply(client_as(moderator), topic, SimpleUploadedFile(name, content))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.post.topic == topic
    assert attachment.file.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("drawing.svg", SVG),
        ("drawing.png", SVG),
        ("page.png", HTML),
        ("page.html", HTML),
        ("page.pdf", HTML),
        ("label.pdf", image_bytes("PNG")),
        ("rules.png", PDF),
        ("label.png", image_bytes("BMP")),
        ("label.tiff", image_bytes("TIFF")),
    ],
)
def test_other_kinds_and_disguised_files_are_refused(
    client_as, moderator, topic, media_root, name, content
):
    error = refusal(client_as(moderator), topic, SimpleUploadedFile(name, content), media_root)
    assert error == (
        "Attach a PNG, JPEG, WebP, GIF or PDF file whose name ends with its type "
        "(.png, .jpg, .webp, .gif, .pdf)."
    )


def test_a_file_over_the_size_limit_is_refused(client_as, moderator, topic, media_root, settings):
    content = PDF + b"\0" * settings.FORUM_ATTACHMENT_MAX_SIZE
    error = refusal(client_as(moderator), topic, SimpleUploadedFile("big.pdf", content), media_root)
    assert error.startswith("Attach files of 2.5\xa0MB at most: this one is 2.5\xa0MB.")


def test_an_image_of_too_many_pixels_is_refused(client_as, moderator, topic, media_root, settings):
    settings.FORUM_ATTACHMENT_MAX_IMAGE_PIXELS = 1_000_000
    upload = SimpleUploadedFile("huge.png", image_bytes(size=(1001, 1000)))
    error = refusal(client_as(moderator), topic, upload, media_root)
    assert error == "Attach a smaller image: at most 1 million pixels."


def test_a_refused_file_is_not_kept_for_the_next_submit(client_as, moderator, topic):
    client = client_as(moderator)
    assert reply(client, topic, SimpleUploadedFile("drawing.png", SVG)).status_code == 200
    # The moderator gives up the attachment and sends the reply alone.
    assert reply(client, topic).status_code == 302
    assert Post.objects.filter(topic=topic).count() == 2
    assert not Attachment.objects.exists()


def test_a_file_of_the_largest_size_survives_a_preview(client_as, moderator, topic, settings):
    """machina keeps previewed attachments in a cache; one at the size limit comes back whole."""
    client = client_as(moderator)
    content = PDF + b"\0" * (settings.FORUM_ATTACHMENT_MAX_SIZE - len(PDF))
    upload = SimpleUploadedFile("rules.pdf", content)
    assert reply(client, topic, upload, preview="1").status_code == 200
    assert reply(client, topic).status_code == 302
    assert Attachment.objects.get().file.size == settings.FORUM_ATTACHMENT_MAX_SIZE


def attach(topic, name, content):
    post = create_reply(topic)
    attachment = Attachment(post=post)
    attachment.file.save(name, ContentFile(content))
    return attachment


def download(client, attachment):
    return client.get(f"/forum/attachment/{attachment.pk}/")


def test_an_image_attachment_is_shown_inline_and_never_sniffed(client, topic):
    content = image_bytes("PNG")
    response = download(client, attach(topic, "label.png", content))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="label.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("rules.pdf", "application/pdf"),
        # Attached before the limits existed: never served as something a browser renders.
        ("page.html", "application/octet-stream"),
        ("drawing.svg", "application/octet-stream"),
    ],
)
def test_other_attachments_are_downloaded(client, topic, name, content_type):
    response = download(client, attach(topic, name, HTML))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_attachments_of_a_forum_visitors_cannot_read_are_not_served(client, topic):
    from machina.apps.forum_permission.models import ForumPermission, UserForumPermission

    UserForumPermission.objects.create(
        forum=topic.forum,
        anonymous_user=True,
        permission=ForumPermission.objects.get(codename="can_download_file"),
        has_perm=False,
    )
    response = download(client, attach(topic, "label.png", image_bytes()))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

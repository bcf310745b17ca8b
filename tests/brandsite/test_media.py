"""Uploaded files under /media/: avatars and images only, each served so that it runs nothing."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

SANDBOX = "default-src 'none'; sandbox"


def put(media_root, path, content=b"content"):
    file = media_root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content)


@pytest.fixture
def media_root(settings):
    from pathlib import Path

    return Path(settings.MEDIA_ROOT)


def test_an_image_rendition_is_shown_inline_and_never_sniffed(client, make_image):
    rendition = make_image(size=(40, 30)).get_rendition("width-20")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX
    assert "Set-Cookie" not in response


@override_settings(DEBUG=False)
def test_avatars_are_served_with_debug_off(client, consumer, media_root):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from community.actions import do_set_avatar

    buffer = BytesIO()
    Image.new("RGB", (40, 40), "#7c3aed").save(buffer, format="WEBP")
    upload = SimpleUploadedFile("me.webp", buffer.getvalue())
    profile = do_set_avatar(consumer, upload, acting_user=consumer)
    response = client.get(profile.avatar.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("path", "disposition"),
    [
        ("images/page.html", 'attachment; filename="page.html"'),
        ("original_images/drawing.svg", 'attachment; filename="drawing.svg"'),
        ("machina/avatar_images/me", 'attachment; filename="me"'),
    ],
)
def test_anything_but_a_raster_image_is_a_download_of_bytes(client, media_root, path, disposition):
    put(media_root, path, b"<script>alert(1)</script>")
    response = client.get(f"/media/{path}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX


@pytest.mark.parametrize(
    "path",
    [
        # Served by machina's view, which checks who may read the forum.
        "machina/attachments/rules.pdf",
        # Served by Wagtail's view, which checks the collection's privacy.
        "documents/rules.pdf",
        "images/../documents/rules.pdf",
        "images/%2E%2E/documents/rules.pdf",
        "rules.pdf",
        "images/missing.png",
    ],
)
def test_files_with_their_own_view_or_none_are_not_found(client, media_root, path):
    put(media_root, "machina/attachments/rules.pdf")
    put(media_root, "documents/rules.pdf")
    put(media_root, "rules.pdf")
    assert client.get(f"/media/{path}").status_code == 404


def test_media_is_read_only(client, media_root):
    put(media_root, "images/label.png")
    assert client.post("/media/images/label.png").status_code == 405

"""Editors' uploads in the Wagtail admin: raster images and office documents, within limits."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def image_bytes(image_format="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#7c3aed").save(buffer, format=image_format)
    return buffer.getvalue()


def files_in(settings):
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def add_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Label",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def image_refusal(client, name, content, settings):
    response = add_image(client, name, content)
    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    assert files_in(settings) == []
    return " ".join(response.context["form"].errors["file"])


@pytest.mark.parametrize(("name", "image_format"), [("label.png", "PNG"), ("label.jpg", "JPEG")])
def test_editors_add_raster_images(client_as, editor, name, image_format):
    response = add_image(client_as(editor), name, image_bytes(image_format))
    assert response.status_code == 302
    assert get_image_model().objects.get().file.name.startswith("original_images/label")


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("drawing.svg", SVG, "Not a supported image format."),
        ("drawing.png", SVG, "Not a valid .png image."),
        ("page.png", HTML, "Upload a valid image."),
        ("label.png", image_bytes("JPEG"), "Not a valid .png image."),
        ("label.bmp", image_bytes("BMP"), "Not a supported image format."),
    ],
)
def test_svg_and_disguised_images_are_refused(client_as, editor, settings, name, content, error):
    assert error in image_refusal(client_as(editor), name, content, settings)


def test_an_image_too_big_is_refused(client_as, editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    error = image_refusal(client_as(editor), "label.png", image_bytes(size=(200, 200)), settings)
    assert "This file is too big" in error


def test_an_image_of_too_many_pixels_is_refused(client_as, editor, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    error = image_refusal(client_as(editor), "label.png", image_bytes(size=(1001, 1000)), settings)
    assert "This file has too many pixels" in error


def test_the_image_limits_are_those_of_the_settings(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000


def add_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Rules",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "script.js", "rules"])
def test_documents_outside_the_allowed_formats_are_refused(client_as, editor, settings, name):
    response = add_document(client_as(editor), name, HTML)
    assert response.status_code == 200
    assert "is not allowed" in " ".join(response.context["form"].errors["file"])
    assert not get_document_model().objects.exists()
    assert files_in(settings) == []


@pytest.mark.parametrize(
    ("name", "content_type"), [("rules.pdf", "application/pdf"), ("rules.txt", "text/plain")]
)
def test_documents_are_downloaded_never_sniffed(client, client_as, editor, name, content_type):
    assert add_document(client_as(editor), name, HTML).status_code == 302
    document = get_document_model().objects.get()
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    # Only through this view, which checks the collection's privacy: not under /media/.
    assert client.get(f"/media/{document.file.name}").status_code == 404

"""Members' files: their kind read from their content, their limits, and how they are served.

A file's name and its declared content type are the uploader's word: only its bytes are trusted.
SVG is never accepted (it can carry scripts), and files are served back with `nosniff`, a
sandboxing Content-Security-Policy, and as downloads unless they are raster images.
"""

import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from PIL import Image

#: Served files run nothing and load nothing, even if a browser were to render them as a page.
SERVED_FILE_POLICY = "default-src 'none'; sandbox"


@dataclass(frozen=True)
class FileKind:
    """A kind of file we accept: how to recognise it, name it and serve it."""

    name: str
    label: str
    extensions: tuple
    content_type: str
    is_image: bool


FILE_KINDS = {
    kind.name: kind
    for kind in (
        FileKind("png", "PNG", ("png",), "image/png", is_image=True),
        FileKind("jpeg", "JPEG", ("jpg", "jpeg"), "image/jpeg", is_image=True),
        FileKind("webp", "WebP", ("webp",), "image/webp", is_image=True),
        FileKind("gif", "GIF", ("gif",), "image/gif", is_image=True),
        FileKind("avif", "AVIF", ("avif",), "image/avif", is_image=True),
        FileKind("pdf", "PDF", ("pdf",), "application/pdf", is_image=False),
    )
}
_KIND_OF_PILLOW_FORMAT = {
    "PNG": "png",
    "JPEG": "jpeg",
    "WEBP": "webp",
    "GIF": "gif",
    "AVIF": "avif",
}
_KIND_OF_EXTENSION = {ext: kind for kind in FILE_KINDS.values() for ext in kind.extensions}


def image_format_and_size(upload):
    """Pillow's name for the format of `upload` and its pixel size, or (None, (0, 0))."""
    try:
        with Image.open(upload) as image:
            found = image.format, image.size
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None, (0, 0)
    finally:
        upload.seek(0)
    return found


def sniff_file_kind(upload):
    """The FileKind that `upload`'s content is, with its pixel count; (None, 0) if none."""
    image_format, (width, height) = image_format_and_size(upload)
    kind_name = _KIND_OF_PILLOW_FORMAT.get(image_format)
    if kind_name:
        return FILE_KINDS[kind_name], width * height
    header = upload.read(5)
    upload.seek(0)
    if header == b"%PDF-":
        return FILE_KINDS["pdf"], 0
    return None, 0


def kind_of_name(filename):
    """The FileKind that a file's name claims, or None."""
    extension = os.path.splitext(filename)[1].lower().lstrip(".")
    return _KIND_OF_EXTENSION.get(extension)


def validate_forum_attachment(upload):
    """Refuse an attachment that is too big, of a kind not allowed, or not what its name says."""
    max_size = settings.FORUM_ATTACHMENT_MAX_SIZE
    if upload.size > max_size:
        raise ValidationError(
            _("Attach files of %(max)s at most: this one is %(size)s.")
            % {"max": filesizeformat(max_size), "size": filesizeformat(upload.size)},
            code="too_big",
        )
    allowed = [FILE_KINDS[name] for name in settings.FORUM_ATTACHMENT_TYPES]
    kind, pixels = sniff_file_kind(upload)
    if kind not in allowed or kind_of_name(upload.name) != kind:
        raise ValidationError(
            _("Attach a %(kinds)s file whose name ends with its type (%(extensions)s).")
            % {
                "kinds": get_text_list([each.label for each in allowed], _("or")),
                "extensions": ", ".join(f".{each.extensions[0]}" for each in allowed),
            },
            code="wrong_type",
        )
    if pixels > settings.FORUM_ATTACHMENT_MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("Attach a smaller image: at most %(max)s million pixels.")
            % {"max": settings.FORUM_ATTACHMENT_MAX_IMAGE_PIXELS // 1_000_000},
            code="too_many_pixels",
        )


def protect_served_file(response, filename):
    """Make a response that carries a member's or editor's file safe to open in a browser.

    Raster images are shown inline; anything else is a download. The content type comes from
    the name, which uploads are checked to agree with; a name we do not know is served as bytes
    to download, never as something a browser might render.
    """
    kind = kind_of_name(filename)
    inline = kind is not None and kind.is_image
    response["Content-Type"] = kind.content_type if kind else "application/octet-stream"
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SERVED_FILE_POLICY
    return response


def user_file_response(file, filename):
    """Serve `file` (a member's or editor's) as `protect_served_file` says."""
    return protect_served_file(FileResponse(file), filename)

"""The limits of avatar uploads: small files of a few raster formats, checked by their content."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .uploads import image_format_and_size

AVATAR_MAX_BYTES = 1024 * 1024
# Raster formats every browser shows; SVG is refused (it can carry scripts), as is anything
# Pillow cannot read. The name's extension is not trusted: Pillow reads the content.
AVATAR_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "GIF": "GIF"}
AVATAR_ACCEPT = "image/png,image/jpeg,image/webp,image/gif"
# Decoding cost grows with pixels, not bytes: a tiny file can claim a huge canvas.
AVATAR_MAX_PIXELS = 4096 * 4096


def validate_avatar(upload):
    """Refuse an avatar that is too big, not an image, or in a format we do not show."""
    if upload.size > AVATAR_MAX_BYTES:
        raise ValidationError(
            _("Choose an image of %(max)s at most: this one is %(size)s.")
            % {"max": filesizeformat(AVATAR_MAX_BYTES), "size": filesizeformat(upload.size)},
            code="too_big",
        )
    image_format, (width, height) = image_format_and_size(upload)
    if image_format not in AVATAR_FORMATS:
        raise ValidationError(
            _("Choose a PNG, JPEG, WebP or GIF image."),
            code="wrong_type",
        )
    if width * height > AVATAR_MAX_PIXELS:
        raise ValidationError(
            _("Choose a smaller image (at most 4096 × 4096 pixels)."), "too_large"
        )

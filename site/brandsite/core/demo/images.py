"""Demo pictures drawn with Pillow: no download, no binary file in the repository."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

SIZE = (960, 720)
INK = (38, 50, 40)


def _gradient(top, bottom, size=SIZE):
    """A soft vertical colour field from `top` to `bottom` (RGB tuples)."""
    width, height = size
    picture = PillowImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        share = y / (height - 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return picture


def _centred_text(draw, text, size, centre_y, width=SIZE[0]):
    font = ImageFont.load_default(size=size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (right - left)) / 2, centre_y - (bottom - top) / 2), text, INK, font=font)


def scent_picture(name, top, bottom):
    """A colour field with pale circles, like drops of the scent, and its name."""
    picture = _gradient(top, bottom)
    draw = ImageDraw.Draw(picture, "RGBA")
    for x, y, radius in ((180, 170, 120), (760, 230, 90), (620, 560, 150), (240, 560, 70)):
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(255, 255, 255, 70))
    _centred_text(draw, name, 88, SIZE[1] / 2)
    return picture


def logo_picture(shape, colour):
    """A candidate logo: a leaf, a drop or a bar of soap above the brand's name."""
    picture = PillowImage.new("RGB", SIZE, (250, 248, 242))
    draw = ImageDraw.Draw(picture)
    centre_x, centre_y = SIZE[0] / 2, 280
    if shape == "leaf":
        draw.ellipse([centre_x - 90, centre_y - 170, centre_x + 90, centre_y + 170], fill=colour)
        draw.line([(centre_x, centre_y - 150), (centre_x, centre_y + 190)], INK, width=8)
    elif shape == "drop":
        draw.ellipse([centre_x - 130, centre_y - 60, centre_x + 130, centre_y + 200], fill=colour)
        draw.polygon(
            [
                (centre_x, centre_y - 200),
                (centre_x - 118, centre_y + 20),
                (centre_x + 118, centre_y + 20),
            ],
            fill=colour,
        )
    else:
        draw.rounded_rectangle(
            [centre_x - 200, centre_y - 110, centre_x + 200, centre_y + 110], 60, fill=colour
        )
    _centred_text(draw, "Atelier Verde", 72, 600)
    return picture


def cover_picture(title, top, bottom):
    """A blog cover: a colour field with the post's title."""
    picture = _gradient(top, bottom)
    draw = ImageDraw.Draw(picture)
    _centred_text(draw, title, 56, SIZE[1] / 2)
    return picture


def demo_image(title, description, draw):
    """The Wagtail image called `title`, drawn by `draw()` the first time only."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    buffer = BytesIO()
    draw().save(buffer, format="PNG")
    filename = title.lower().replace(" ", "-").replace(":", "") + ".png"
    return Image.objects.create(
        title=title, description=description, file=ImageFile(buffer, name=filename)
    )

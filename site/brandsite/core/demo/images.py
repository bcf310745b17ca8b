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


def _drops(picture, circles):
    """Pale circles, like drops, on `picture`; each circle is (x, y, radius) in fractions of it."""
    width, height = picture.size
    draw = ImageDraw.Draw(picture, "RGBA")
    for x, y, radius in circles:
        x, y, radius = x * width, y * height, radius * height
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(255, 255, 255, 70))
    return draw


def scent_picture(name, top, bottom):
    """A colour field with pale drops and the scent's name."""
    picture = _gradient(top, bottom)
    draw = _drops(picture, ((0.19, 0.24, 0.17), (0.79, 0.32, 0.12), (0.65, 0.78, 0.21)))
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


def cover_picture(top, bottom):
    """A blog cover in 16:9, cropped well by any card: a colour field with pale drops, no text
    (the card and the page already show the title)."""
    picture = _gradient(top, bottom, size=(1600, 900))
    _drops(picture, ((0.12, 0.3, 0.22), (0.45, 0.72, 0.3), (0.8, 0.28, 0.18), (0.9, 0.85, 0.1)))
    return picture


def share_picture():
    """The brand's default share card, 1200×630: its name on a green field with pale drops."""
    picture = _gradient((214, 233, 208), (158, 196, 150), size=(1200, 630))
    draw = _drops(picture, ((0.1, 0.2, 0.25), (0.88, 0.75, 0.3)))
    _centred_text(draw, "Atelier Verde", 110, 315, width=1200)
    return picture


def brand_logo_picture():
    """The brand's square logo: a leaf on cream."""
    picture = PillowImage.new("RGB", (512, 512), (250, 248, 242))
    draw = ImageDraw.Draw(picture)
    draw.ellipse([186, 56, 326, 456], fill=(96, 140, 88))
    draw.line([(256, 80), (256, 480)], INK, width=10)
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

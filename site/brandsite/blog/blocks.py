"""StreamField blocks of blog posts: headings, paragraphs, captioned images and quotes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

#: Rich text features of a post's paragraphs: headings come from HeadingBlock, images from
#: CaptionedImageBlock, so that both keep their structure (levels, alt text).
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; posts start at level 2, under the page's h1."""

    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section (level 2)")), ("h3", _("Subsection (level 3)"))],
        default="h2",
        # The level's label is the editor's, not the reader's: search must not find it.
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A section heading, so that readers and screen readers can skim the post.")
        preview_value = {"text": "Why we asked you", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    """An image with the alt text it needs and an optional visible caption."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image_block.html"
        description = _("An image with its alt text and an optional caption.")
        preview_value = {
            "alt_text": "Three bottles of the new scent on a bench",
            "caption": "The three scents you chose between.",
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation, attributed to a person, a customer or a publication."""

    quote = blocks.TextBlock(label=_("quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("attribution"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A quotation set apart from the text, with who said it.")
        preview_value = {
            "quote": "I never thought a brand would actually ask me which scent I liked.",
            "attribution": "Camille, a forum member",
        }


class BlogBodyBlock(blocks.StreamBlock):
    """The body of a blog post."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        description=_("Text with bold, italics, links and lists."),
        preview_value="<p>We asked, you answered: here is what happened next.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()

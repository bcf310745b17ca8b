"""StreamField blocks of campaign pages: variant votes, idea calls and tester calls."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock, ImageChooserBlock


class AssetKind(blocks.ChoiceBlock):
    choices = [
        ("logo", _("Logo")),
        ("name", _("Name")),
        ("shape", _("Shape")),
        ("colour", _("Colour")),
        ("taste", _("Taste")),
        ("scent", _("Scent")),
        ("other", _("Other")),
    ]


class VariantBlock(blocks.StructBlock):
    """One answer of a variant vote: a label with an image, a colour swatch or text alone."""

    label = blocks.CharBlock(label=_("label"), max_length=80)
    image = ImageChooserBlock(label=_("image"), required=False)
    colour = blocks.RegexBlock(
        label=_("colour swatch"),
        regex=r"^#[0-9a-fA-F]{6}$",
        required=False,
        help_text=_("A hex colour such as #3a7d44."),
        error_messages={"invalid": _("Enter a colour as # and six hex digits.")},
    )
    description = blocks.TextBlock(label=_("description"), required=False, max_length=400)


class VariantVoteBlock(blocks.StructBlock):
    """A question on a brand asset; signed-in consumers pick one variant and may change it."""

    RESULTS_AFTER_VOTE = "after_vote"
    RESULTS_AFTER_CLOSE = "after_close"

    asset_kind = AssetKind(label=_("asset kind"), default="other")
    question = blocks.CharBlock(label=_("question"), max_length=200)
    variants = blocks.ListBlock(VariantBlock(), min_num=2, max_num=8, label=_("variants"))
    show_results = blocks.ChoiceBlock(
        label=_("show results"),
        choices=[
            (RESULTS_AFTER_VOTE, _("to each voter after voting, and to everyone once closed")),
            (RESULTS_AFTER_CLOSE, _("to everyone once the campaign closes")),
        ],
        default=RESULTS_AFTER_VOTE,
    )

    class Meta:
        icon = "tasks"
        template = "community/blocks/variant_vote_block.html"
        description = _("Consumers vote for one of 2 to 8 variants of a logo, name, scent...")
        preview_value = {
            "asset_kind": "scent",
            "question": "Which scent should we launch?",
            "variants": [{"label": "Fig leaf"}, {"label": "Vetiver"}, {"label": "Orange"}],
        }


class IdeaCallBlock(blocks.StructBlock):
    """An invitation to post ideas in the campaign's forum, with its latest and top topics."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    topics_shown = blocks.IntegerBlock(
        label=_("topics shown"), default=5, min_value=0, max_value=20
    )

    class Meta:
        icon = "pick"
        template = "community/blocks/idea_call_block.html"
        description = _("Invites consumers to post their own ideas in the campaign's forum.")
        preview_value = {"heading": "Your idea for our next soap?", "topics_shown": 5}


class TesterCallBlock(blocks.StructBlock):
    """A call for product testers with a short application form."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    description = blocks.TextBlock(label=_("what testers do and get"))
    places = blocks.IntegerBlock(label=_("places"), min_value=1, required=False)

    class Meta:
        icon = "user"
        template = "community/blocks/tester_call_block.html"
        description = _("Recruits product testers: consumers apply, editors select.")
        preview_value = {"heading": "Test our new soap", "description": "Ten testers, one month."}


class CampaignBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("heading"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul"], icon="pilcrow"
    )
    # ImageBlock asks for alt text (or an explicit "decorative" choice).
    image = ImageBlock(label=_("image"), template="community/blocks/image_block.html")
    variant_vote = VariantVoteBlock(label=_("variant vote"))
    idea_call = IdeaCallBlock(label=_("idea call"))
    tester_call = TesterCallBlock(label=_("tester call"))

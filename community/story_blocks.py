"""StreamField blocks of community stories: text, quotes of the discussion, and credits."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

#: What a quote's link may be besides a path on the site: a browser runs other schemes, such as
#: javascript:, in the page's origin.
LINK_SCHEMES = {"http", "https"}


def is_link(url):
    """Whether a browser follows `url` as a relative address or a web address, never as script."""
    try:
        # urlsplit drops what browsers drop (tabs, newlines, leading controls) before the scheme.
        scheme = urlsplit(url).scheme
    except ValueError:  # such as a malformed IPv6 host
        return False
    return scheme.lower() in {"", *LINK_SCHEMES}


class CreditRole(blocks.ChoiceBlock):
    choices = [("author", _("Idea author")), ("replier", _("Replier"))]


class QuoteBlock(blocks.StructBlock):
    """Words of a post, as plain text (never the post's HTML), with its author and a link to it."""

    text = blocks.TextBlock(label=_("quoted text"))
    author_name = blocks.CharBlock(label=_("credited as"), max_length=120)
    post_url = blocks.CharBlock(label=_("link to the post"), max_length=500, required=False)
    contributor = blocks.IntegerBlock(
        label=_("contributor account"),
        required=False,
        help_text=_("Set by the promotion: whose consent this quote needs."),
    )

    class Meta:
        icon = "openquote"
        template = "community/blocks/story_quote_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not is_link(value["post_url"]):
            message = _("Link to a page of the site or to a web address (http or https).")
            raise StructBlockValidationError(block_errors={"post_url": ValidationError(message)})
        return value


class CreditBlock(blocks.StructBlock):
    """One contributor, named as their credit choice said at promotion time, and their part."""

    name = blocks.CharBlock(label=_("credited as"), max_length=120)
    role = CreditRole(label=_("role"))
    contributor = blocks.IntegerBlock(label=_("contributor account"), required=False)


class CreditsBlock(blocks.StructBlock):
    """The people whose ideas and words the story is made of."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120, default=_("With ideas from"))
    contributors = blocks.ListBlock(CreditBlock(), label=_("contributors"))

    class Meta:
        icon = "group"
        template = "community/blocks/story_credits_block.html"


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    quote = QuoteBlock(label=_("quote"))
    credits = CreditsBlock(label=_("credits"))


def contributor_ids(body):
    """The accounts a story body quotes or credits, in the order they first appear."""
    ids = []
    for block in body:
        if block.block_type == "quote":
            found = [block.value["contributor"]]
        elif block.block_type == "credits":
            found = [credit["contributor"] for credit in block.value["contributors"]]
        else:
            continue
        ids += [user_id for user_id in found if user_id and user_id not in ids]
    return ids


def _credit_values(credits_value):
    # List items are {"type": "item", "value": …, "id": …}; bodies saved before that are values.
    for item in credits_value.get("contributors", []):
        yield item["value"] if isinstance(item, dict) and item.get("type") == "item" else item


def anonymise_contributor(raw_blocks, user_id, name, *, drop_post_links=False):
    """Name `user_id`'s quotes and credits `name` in a story body's raw data, unlinked from them.

    Changes `raw_blocks` (a list of raw block dicts) in place; returns how many blocks changed.
    `drop_post_links` also drops the links of their quotes to posts that no longer exist.
    """
    changed = 0
    for block in raw_blocks:
        if block.get("type") == "quote":
            values, name_key = [block["value"]], "author_name"
        elif block.get("type") == "credits":
            values, name_key = list(_credit_values(block["value"])), "name"
        else:
            continue
        for value in values:
            if str(value.get("contributor")) != str(user_id):
                continue
            value.update({name_key: name, "contributor": None})
            if drop_post_links and "post_url" in value:
                value["post_url"] = ""
            changed += 1
    return changed

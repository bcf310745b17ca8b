"""The forum's markup renderer: markdown, then an allowlist sanitiser.

markdown2's `safe_mode` alone is not XSS-safe (several bypasses are public), so its output is
always passed through nh3, which keeps only the tags, attributes and URL schemes listed here.
"""

import markdown2
import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
        "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
MARKDOWN_EXTRAS = {"break-on-newline": True, "fenced-code-blocks": None, "tables": None}


def sanitize_html(html):
    """Keep only allowlisted markup from untrusted HTML."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
    )


def render_markdown(text, **kwargs):
    """Render user markdown to HTML that is safe to show (machina's MACHINA_MARKUP_LANGUAGE)."""
    html = markdown2.markdown(text or "", safe_mode="escape", extras=MARKDOWN_EXTRAS, **kwargs)
    return sanitize_html(html).strip()

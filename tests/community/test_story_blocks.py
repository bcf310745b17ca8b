"""Story blocks: a quote's link, which moderators and editors can change, never runs script."""

import pytest
from django.core.exceptions import ValidationError

from community.story_blocks import QuoteBlock


def quote(post_url):
    return {"text": "Fig and cedar.", "author_name": "Cedar Fan", "post_url": post_url}


@pytest.mark.parametrize(
    "post_url",
    [
        "javascript:alert(document.domain)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://[::1",
    ],
)
def test_a_quote_refuses_a_link_a_browser_would_run(post_url):
    with pytest.raises(ValidationError) as refusal:
        QuoteBlock().clean(quote(post_url))

    assert "post_url" in refusal.value.block_errors


@pytest.mark.parametrize(
    "post_url",
    [
        "",
        "/forum/forum/soaps-2/topic/a-fig-soap-7/?post=9#9",
        "https://brand.example/stories/fig/",
        "http://brand.example/",
        "javascript&#58;alert(1)",  # printed escaped, so a browser reads a relative address
    ],
)
def test_a_quote_keeps_a_path_or_a_web_address(post_url):
    assert QuoteBlock().clean(quote(post_url))["post_url"] == post_url

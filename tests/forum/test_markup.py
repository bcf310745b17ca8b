"""Forum markup: hostile markdown renders to inert HTML, and ordinary markdown still renders."""

import pytest
from machina.models.fields import render_func

from forum.markup import ALLOWED_TAGS, render_markdown
from tests.forum.xss import (
    BLNS_PAYLOADS,
    MARKDOWN_PAYLOADS,
    OWASP_PAYLOADS,
    SCRIPT_CAPABLE_TAGS,
    as_params,
    unsafe_parts,
)

RENDERERS = [
    pytest.param(render_func, id="machina"),
    pytest.param(render_markdown, id="forum"),
]
PAYLOADS = (
    as_params(BLNS_PAYLOADS, "blns")
    + as_params(MARKDOWN_PAYLOADS, "md")
    + as_params(OWASP_PAYLOADS, "owasp")
)


def test_machina_renders_through_the_forum_renderer():
    assert render_func.func is render_markdown


def test_allowlist_holds_no_element_that_can_run_script():
    assert not ALLOWED_TAGS & SCRIPT_CAPABLE_TAGS


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_renders_inert(render, payload):
    assert unsafe_parts(render(payload)) == []


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("**bold**", "<p><strong>bold</strong></p>"),
        ("*italics*", "<p><em>italics</em></p>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"),
        ("> a quote", "<blockquote>\n  <p>a quote</p>\n</blockquote>"),
        ("`a < b`", "<p><code>a &lt; b</code></p>"),
        ("    indented()", "<pre><code>indented()\n</code></pre>"),
        ("```\nif a < b:\n    pass\n```", "<pre><code>if a &lt; b:\n    pass\n</code></pre>"),
        (
            "[our site](https://example.com/a?b=1)",
            '<p><a href="https://example.com/a?b=1" rel="nofollow ugc noopener">our site</a></p>',
        ),
        (
            "<https://example.com>",
            '<p><a href="https://example.com" rel="nofollow ugc noopener">https://example.com</a></p>',
        ),
        ("line one\nline two", "<p>line one<br>\nline two</p>"),
    ],
)
def test_everyday_markdown_still_renders(markdown, html):
    assert render_func(markdown) == html

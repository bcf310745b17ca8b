"""The XSS payload corpus of tests/data/xss, and a check that rendered HTML is inert."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from forum.markup import ALLOWED_TAGS

XSS_DIR = Path(__file__).resolve().parent.parent / "data" / "xss"
BLOCK_FENCE = "%%%"
SAFE_SCHEMES = {"http", "https", "mailto"}
SCRIPT_CAPABLE_TAGS = {
    "base", "button", "embed", "form", "frame", "iframe", "input", "link", "math", "meta",
    "noscript", "object", "script", "select", "style", "svg", "template", "textarea",
}  # fmt: skip
URL_ATTRIBUTES = {"action", "background", "formaction", "href", "src", "xlink:href"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
# Browsers drop ASCII tab and newline anywhere in a URL and C0 controls or spaces at its ends.
URL_IGNORED = re.compile(r"[\t\n\r]")
URL_TRIM = "".join(map(chr, range(0x21)))


def read_payloads(name):
    """Payloads of one corpus file: one per line, or multi-line between two "%%%" lines."""
    payloads, block = [], None
    for line in (XSS_DIR / name).read_text(encoding="utf-8").splitlines():
        if line == BLOCK_FENCE:
            if block is not None:
                payloads.append("\n".join(block))
            block = None if block is not None else []
        elif block is not None:
            block.append(line.replace("<TAB>", "\t"))
        elif line.strip() and not line.startswith("#"):
            payloads.append(line.replace("<TAB>", "\t"))
    assert block is None, f"{name}: unclosed {BLOCK_FENCE} block"
    return payloads


BLNS_PAYLOADS = read_payloads("blns_script_injection.txt")
MARKDOWN_PAYLOADS = read_payloads("markdown_payloads.txt")


def as_params(payloads, prefix):
    """pytest params whose ids name the payload, so a failure says which one got through."""
    return [
        pytest.param(payload, id=f"{prefix}{number}:{payload[:60]!r}")
        for number, payload in enumerate(payloads, 1)
    ]


def url_scheme(url):
    """The scheme a browser would see in an attribute value the parser already entity-decoded."""
    match = SCHEME.match(URL_IGNORED.sub("", url).strip(URL_TRIM))
    return match[1].lower() if match else None


def unsafe_parts(html):
    """Everything in rendered HTML that could run script or escape the allowlist."""
    problems = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        if element.name not in ALLOWED_TAGS:
            problems.append(f"<{element.name}> is not allowlisted")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on") or name.lower() == "style":
                problems.append(f"<{element.name} {name}> is not allowed")
            scheme = url_scheme(value) if name.lower() in URL_ATTRIBUTES else None
            if scheme is not None and scheme not in SAFE_SCHEMES:
                problems.append(f"<{element.name} {name}={value!r}> uses {scheme}:")
        if element.name == "a" and not {"nofollow", "ugc", "noopener"} <= set(
            element.get("rel") or []
        ):
            problems.append(f"<a rel={element.get('rel')!r}> lacks nofollow ugc noopener")
    return problems

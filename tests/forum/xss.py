"""The XSS payload corpus of tests/data/xss, and checks that rendered HTML is inert.

`unsafe_parts` holds the forum renderer's output to its allowlist; `page_problems` looks at a
whole page (or an e-mail, or a feed item's HTML) for markup that could run script.
"""

import json
import math
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
OWASP_PAYLOADS = read_payloads("owasp_filter_evasion.txt")
#: Every payload once, in file order.
ALL_PAYLOADS = list(dict.fromkeys(BLNS_PAYLOADS + MARKDOWN_PAYLOADS + OWASP_PAYLOADS))
#: About twenty payloads spread over the three files, for surfaces rendered once per text.
SPREAD_SAMPLE = ALL_PAYLOADS[:: math.ceil(len(ALL_PAYLOADS) / 20)]


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


# What a page of ours never holds, whatever it shows: elements that load or run code or
# redirect, and script URLs in any attribute (SVG animations set href through "to" or "values").
NEVER_ON_OUR_PAGES = {
    "applet", "base", "bgsound", "embed", "frame", "frameset", "iframe", "isindex", "object",
    "param", "xml",
}  # fmt: skip
SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript"}
SCRIPT_DATA_TYPES = {"application/json", "application/ld+json"}
STYLE_CODE = re.compile(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.IGNORECASE)
LOADING_LINKS = {"stylesheet", "import", "preload", "modulepreload", "prefetch"}
#: Where a data: URL can only be a picture (elsewhere it can be a document or a script).
PICTURES = {"img", "image", "source"}
#: What the Wagtail admin writes on its own pages: date pickers' inline scripts, the preview.
WAGTAIL_OWN_SCRIPT = re.compile(r'init(Date|Time|DateTime)Chooser\("id_[\w-]+", \{[^<>]*\}\);')
WAGTAIL_PREVIEW_ID = "w-preview-iframe"


def _same_origin(url):
    """Whether a URL stays on the site: a path, or an address on the test server."""
    url = URL_IGNORED.sub("", url).strip(URL_TRIM)
    if url.startswith("/") and not url.startswith(("//", "/\\")):
        return True
    return url.startswith("http://testserver/")


def _script_problem(element):
    if WAGTAIL_OWN_SCRIPT.fullmatch((element.string or "").strip()):
        return None
    kind = (element.get("type") or "").strip().lower()
    if kind in SCRIPT_DATA_TYPES:
        try:
            json.loads(element.string or "")
        except ValueError:
            return f"<script type={kind}> is not whole JSON: text broke out of it"
        return None
    if element.get("src") is None or (element.string or "").strip():
        return f"inline <script>: {str(element)[:120]!r}"
    if not _same_origin(element["src"]):
        return f"<script src={element['src']!r}> from another site"
    return None


def _element_problems(element):
    name = element.name.lower()
    wagtail_preview = name == "iframe" and element.get("id") == WAGTAIL_PREVIEW_ID
    if name in NEVER_ON_OUR_PAGES and not (wagtail_preview and not element.get("src")):
        yield f"<{name}> element: {str(element)[:120]!r}"
    if name == "script" and (problem := _script_problem(element)):
        yield problem
    if name == "style" and STYLE_CODE.search(element.get_text()):
        yield f"<style> with code: {element.get_text()[:80]!r}"
    if name == "meta" and (element.get("http-equiv") or "").strip():
        yield f"<meta http-equiv={element['http-equiv']!r}>"
    rel = {value.lower() for value in element.get("rel") or []}
    if name == "link" and rel & LOADING_LINKS and not _same_origin(element.get("href", "")):
        yield f"<link rel={sorted(rel)} href={element.get('href')!r}> loads from another site"
    for attribute, value in element.attrs.items():
        value = " ".join(value) if isinstance(value, list) else value
        attribute = attribute.lower()
        if attribute.startswith("on"):
            yield f"<{name} {attribute}=…> event handler"
        elif url_scheme(value) in SCRIPT_SCHEMES:
            yield f"<{name} {attribute}={value[:80]!r}> script URL"
        elif attribute == "style" and STYLE_CODE.search(value):
            yield f"<{name} style={value[:80]!r}> with code"
        elif attribute in {"action", "formaction"} and not _same_origin(value):
            yield f"<{name} {attribute}={value[:80]!r}> posts to another site"
        elif url_scheme(value) == "data" and not (name in PICTURES or "icon" in rel):
            yield f"<{name} {attribute}={value[:80]!r}> data URL"


def page_problems(html):
    """Whatever in rendered HTML could run script, load code, post elsewhere or redirect.

    Our templates put none of these on a page, so any one found was brought in by its content.
    """
    soup = BeautifulSoup(html, "html.parser")
    return [problem for element in soup.find_all(True) for problem in _element_problems(element)]


def _without_whitespace(text):
    return "".join(text.split())


def missing_texts(html, texts):
    """The `texts` that `html` does not show word for word (spacing aside, which <br> and
    highlighting change). A template that let a text's markup through would have it parsed,
    not shown, so every text of a payload being there proves each was printed as text."""
    shown = _without_whitespace(BeautifulSoup(html, "html.parser").get_text())
    return [text for text in texts if _without_whitespace(text) not in shown]

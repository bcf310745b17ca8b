"""A post made of XSS payloads runs no script in Chromium when its topic page is shown."""

import pytest

from forum.markup import ALLOWED_TAGS
from tests.factories import create_topic
from tests.forum.xss import BLNS_PAYLOADS, MARKDOWN_PAYLOADS

# These ran script in Chromium through machina's stock renderer (markdown2 2.5.5, safe_mode=True).
STOCK_RENDERER_BYPASSES = [
    "[x](javascript&#58;alert(1))",
    "[click](javascript&#x3A;alert(1))",
    "[Click me](javascript&#58alert(origin))",
    "[Click me](javascript&#058alert(origin))",
    "<http:|><x| oncontentvisibilityautostatechange=alert(origin) "
    "style=display:block;content-visibility:auto>",
    "\\<!--<img src onerror=alert(origin)//>-->",
    '`\n<img src onerror="alert(origin)">\n[x]: `',
]
SAMPLE = STOCK_RENDERER_BYPASSES + BLNS_PAYLOADS[::16] + MARKDOWN_PAYLOADS[::10]
MARKER = "Payload sample follows."

POST_CONTENT_REPORT = """() => {
    const body = document.querySelector('.post .post-content');
    for (const element of body.querySelectorAll('*')) {
        for (const type of ['mouseover', 'focus']) {
            element.dispatchEvent(new Event(type, {bubbles: true, cancelable: true}));
        }
    }
    const elements = [...body.querySelectorAll('*')];
    return {
        text: body.textContent,
        tags: [...new Set(elements.map(e => e.localName))],
        handlers: elements.flatMap(e => e.getAttributeNames().filter(n => /^on/i.test(n))),
        urls: elements.flatMap(e => [e.href, e.src]).filter(Boolean).map(String),
    };
}"""


@pytest.fixture
def page_without_csp(new_page):
    # Our CSP would block inline script anyway; bypass it so this test proves the renderer alone.
    return new_page(bypass_csp=True)


def test_sample_payloads_are_in_the_corpus():
    assert set(STOCK_RENDERER_BYPASSES) <= set(MARKDOWN_PAYLOADS)
    assert len(SAMPLE) >= 30


@pytest.mark.browser
# serialized_rollback: see test_smoke.py; it restores the rows the migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_topic_page_of_hostile_post_runs_no_script(live_server, page_without_csp):
    page = page_without_csp
    topic = create_topic(content="\n\n".join([MARKER, *SAMPLE]))
    forum = topic.forum
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    response = page.goto(
        f"{live_server.url}/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/",
        wait_until="load",
    )
    report = page.evaluate(POST_CONTENT_REPORT)
    page.wait_for_timeout(300)

    assert response.status == 200
    assert MARKER in report["text"]
    assert dialogs == []
    assert "script" not in report["tags"]
    assert set(report["tags"]) <= ALLOWED_TAGS
    assert report["handlers"] == []
    assert [
        url for url in report["urls"] if not url.startswith(("http:", "https:", "mailto:"))
    ] == []

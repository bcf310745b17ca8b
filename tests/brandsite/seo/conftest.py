"""SEO test data and readers: the JSON-LD blocks and head tags of a page as a crawler sees them."""

import json
from html.parser import HTMLParser

import pytest
from wagtail.models import Site

from brandsite.core.models import BrandSettings


class HeadReader(HTMLParser):
    """Collects JSON-LD texts, <meta> and <link> attributes and the <title> of a document."""

    def __init__(self):
        super().__init__()
        self.json_ld, self.metas, self.links, self.title = [], [], [], ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json"
            self.json_ld.append("")
        elif tag == "title":
            self._in = "title"
        elif tag == "meta":
            self.metas.append(attrs)
        elif tag == "link":
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag in ("script", "title"):
            self._in = None

    def handle_data(self, data):
        if self._in == "json":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data


def read_head(response):
    assert response.status_code == 200
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


def json_ld(response):
    """Every JSON-LD block of the page, parsed (json.loads fails on invalid JSON)."""
    blocks = [json.loads(text) for text in read_head(response).json_ld]
    assert all(block["@context"] == "https://schema.org" for block in blocks)
    return blocks


def of_type(blocks, schema_type):
    """The one block of `schema_type`."""
    found = [block for block in blocks if block["@type"] == schema_type]
    assert len(found) == 1, [block["@type"] for block in blocks]
    return found[0]


def meta_content(response, key):
    """The content of the <meta property|name=key> tags of the page."""
    metas = read_head(response).metas
    return [m["content"] for m in metas if key in (m.get("property"), m.get("name"))]


def link_hrefs(response, rel):
    """(hreflang, href) of the page's <link rel=rel> tags."""
    return [
        (link.get("hreflang"), link["href"])
        for link in read_head(response).links
        if link.get("rel") == rel
    ]


@pytest.fixture
def brand(db, make_image):
    """The default site's brand settings, with a share image, a logo and profiles elsewhere."""
    brand = BrandSettings.for_site(Site.objects.get(is_default_site=True))
    brand.brand_name = "Atelier Verde"
    brand.default_meta_description = "Natural soaps made with you."
    brand.default_share_image = make_image("Share card", description="Our name on green")
    brand.logo = make_image("Logo", size=(400, 400))
    brand.same_as = "https://social.example/atelier\nhttps://video.example/@atelier"
    brand.twitter_handle = "atelierverde"
    brand.save()
    return brand

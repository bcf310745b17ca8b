"""Reading /sitemap.xml in tests: schema validation and the addresses it lists."""

from pathlib import Path

from lxml import etree

SCHEMA_PATH = (
    Path(__file__).resolve().parents[2] / "data" / "sitemaps" / "sitemap-with-alternates.xsd"
)
NAMESPACES = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def sitemap_schema():
    """The sitemaps.org schema, with the xhtml:link alternates it lets a <url> carry."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def parse_sitemap(content):
    """The parsed sitemap, after checking it against the schema (fails with the schema's error)."""
    # Our own response; lxml resolves no network entity by default (no_network=True).
    document = etree.fromstring(content)
    sitemap_schema().assertValid(document)
    return document


def entries(document):
    """{location: {"lastmod": text or None, "alternates": {hreflang: href}}} of every <url>."""
    found = {}
    for url in document.iterfind("sm:url", NAMESPACES):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.iterfind("xhtml:link", NAMESPACES)
        }
        found[url.findtext("sm:loc", namespaces=NAMESPACES)] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NAMESPACES),
            "alternates": alternates,
        }
    return found

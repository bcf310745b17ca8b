"""The site, its settings and the header's section links are kept across requests, and every
edit an editor makes to them shows on the next page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from brandsite.core.models import BrandSettings
from tests.factories import create_blog_index, create_campaign_index

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

LAYOUT_TABLES = ("wagtailcore_site", "core_brandsettings", "seo_searchenginesettings")


def get(client, path="/", host="testserver"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def set_brand_name(site, name):
    brand = BrandSettings.for_site(site)
    brand.brand_name = name
    brand.save()


def test_a_second_page_reads_no_site_settings_or_section_links(client):
    create_blog_index(title="Journal")
    get(client)
    with CaptureQueriesContext(connection) as queries:
        html = get(client, "/forum/")
    assert ">Journal</a>" in html
    read = " ".join(query["sql"] for query in queries)
    assert not [table for table in LAYOUT_TABLES if f'"{table}"' in read]
    assert '"wagtailcore_pageviewrestriction"' not in read


def test_a_new_brand_name_shows_on_the_next_page(client):
    site = Site.objects.get(is_default_site=True)
    set_brand_name(site, "Old Soap Co")
    assert "Old Soap Co" in get(client)
    set_brand_name(site, "New Soap Co")
    html = get(client, "/forum/")
    assert "New Soap Co" in html
    assert "Old Soap Co" not in html


def test_published_and_unpublished_sections_show_on_the_next_page(client):
    journal = create_blog_index(title="Journal")
    assert ">Journal</a>" in get(client)
    campaigns = create_campaign_index(title="Campaigns")
    assert ">Campaigns</a>" in get(client)
    journal.unpublish()
    html = get(client)
    assert ">Journal</a>" not in html
    assert ">Campaigns</a>" in html
    # A rename saved as a new revision and published shows too.
    campaigns.title = "Our campaigns"
    campaigns.save_revision().publish()
    assert ">Our campaigns</a>" in get(client)


def test_each_host_gets_its_own_site_and_settings(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    default = Site.objects.get(is_default_site=True)
    other_root = Page.objects.get(depth=1).add_child(title="Other home", slug="other-home")
    other = Site.objects.create(hostname="other.example", port=80, root_page=other_root)
    set_brand_name(default, "Default Brand")
    set_brand_name(other, "Other Brand")
    create_blog_index(title="Journal")

    assert "Default Brand" in get(client, "/forum/")
    other_html = get(client, "/forum/", host="other.example")
    assert "Other Brand" in other_html
    assert ">Journal</a>" not in other_html
    assert "Default Brand" in get(client, "/forum/")

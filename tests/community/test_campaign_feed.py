"""The campaigns' RSS feed lists live, public campaigns, escaped, and pages announce it."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import create_campaign, create_campaign_index
from tests.feeds import rss_channel

pytestmark = pytest.mark.django_db


def test_feed_lists_live_public_campaigns_only(client):
    index = create_campaign_index(title="Our campaigns")
    create_campaign(parent=index, title="Pick a <script>alert(1)</script> scent")
    create_campaign(parent=index, title="Draft campaign", live=False)
    private = create_campaign(parent=index, title="Private campaign")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get(f"{index.url}feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = rss_channel(response)
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Pick a &lt;script&gt;alert(1)&lt;/script&gt; scent (Open)"]
    assert channel.findtext("title") == "Our campaigns"
    assert not response.cookies


def test_index_and_campaign_pages_announce_the_feed(client):
    index = create_campaign_index()
    campaign = create_campaign(parent=index)
    link = (
        '<link rel="alternate" type="application/rss+xml" title="Campaigns (RSS)" '
        f'href="{index.url}feed/">'
    )
    for url in (index.url, campaign.url):
        assert link in client.get(url).content.decode()

"""The home page shows open campaigns first, then the latest blog posts; the header links both."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    create_blog_index,
    create_blog_post,
    create_campaign,
    create_campaign_index,
)

pytestmark = pytest.mark.django_db


def test_home_lists_open_campaigns_before_latest_posts(client):
    index = create_campaign_index(title="Campaigns")
    create_campaign(parent=index, title="Pick our new scent")
    create_campaign(
        parent=index, title="Past logo vote", closes_at=timezone.now() - timedelta(days=1)
    )
    create_campaign(parent=index, title="Draft naming", live=False)
    blog = create_blog_index(title="Journal")
    create_blog_post(index=blog, title="How we make soap")

    html = client.get("/").content.decode()
    assert "Pick our new scent" in html
    assert "Past logo vote" not in html
    assert "Draft naming" not in html
    assert html.index("Pick our new scent") < html.index("How we make soap")
    assert f'href="{index.url}"' in html
    assert f'href="{blog.url}"' in html


def test_home_query_count_does_not_grow_with_campaigns_and_posts(
    client, django_assert_max_num_queries
):
    index = create_campaign_index()
    blog = create_blog_index()
    for size in (1, 6):
        for number in range(size):
            create_campaign(parent=index, title=f"Campaign {size}-{number}")
            create_blog_post(index=blog, title=f"Post {size}-{number}")
        client.get("/")  # renditions and caches warm up once
        # Routing, site and settings, section links and their restrictions, open campaigns,
        # latest posts with their tags, authors and covers.
        with django_assert_max_num_queries(14):
            assert client.get("/").status_code == 200

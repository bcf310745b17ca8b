"""The brand's search-engine defaults, as an administrator sets them in Wagtail's settings."""

import pytest
from wagtail.models import Site

from brandsite.core.models import BrandSettings

pytestmark = pytest.mark.django_db


def test_an_administrator_sets_the_share_defaults(client_as, admin_user, make_image):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/core/brandsettings/{site.pk}/"
    client = client_as(admin_user)
    image = make_image()
    data = {
        "brand_name": "Atelier Verde",
        "tagline": "",
        "default_meta_description": "Soaps made with you.",
        "default_share_image": image.pk,
        "logo": "",
        "same_as": "https://social.example/atelier\nnot an address",
        "twitter_handle": "@atelier",
    }

    assert client.get(url).status_code == 200
    refused = client.post(url, data)
    data["same_as"] = "https://social.example/atelier\n\nhttps://video.example/atelier"
    saved = client.post(url, data)

    assert refused.status_code == 200
    assert "Line 2 is not a web address" in refused.content.decode()
    assert saved.status_code == 302
    brand = BrandSettings.for_site(site)
    assert brand.default_share_image == image
    assert brand.same_as_urls == ["https://social.example/atelier", "https://video.example/atelier"]
    assert brand.twitter_site == "@atelier"

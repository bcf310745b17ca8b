"""Renaming a page's slug in the admin keeps its old addresses, and those below it, working."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from community.models import CampaignPage
from tests.community.test_campaign_admin import campaign_form_data, create_through_admin
from tests.factories import create_campaign, create_campaign_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Wagtail records redirects once the rename is committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def rename_through_admin(client, page, slug, on_commit):
    with on_commit():
        response = client.post(
            f"/admin/pages/{page.pk}/edit/", campaign_form_data(title=page.title, slug=slug)
        )
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def assert_redirects(client, old, new):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(new).status_code in (200, 405)


def test_a_renamed_campaign_keeps_its_old_addresses(client_as, editor, client, on_commit):
    index = create_campaign_index(slug="campaigns")
    campaign = create_through_admin(client_as(editor), index, slug="new-scent")
    rename_through_admin(client_as(editor), campaign, "autumn-scent", on_commit)
    client.logout()

    assert Redirect.objects.filter(old_path="/campaigns/new-scent", automatically_created=True)
    assert campaign.url == "/campaigns/autumn-scent/"
    assert_redirects(client, "/campaigns/new-scent/", "/campaigns/autumn-scent/")
    assert_redirects(
        client, "/fr/campaigns/new-scent/?ref=mail", "/fr/campaigns/autumn-scent/?ref=mail"
    )
    # A route of the campaign (votes are POSTed there, so GET answers 405 at the new address).
    assert_redirects(client, "/campaigns/new-scent/vote/abc/", "/campaigns/autumn-scent/vote/abc/")


def test_a_renamed_index_keeps_its_routes_and_child_pages(client, on_commit):
    index = create_campaign_index(slug="campaigns", title="Campaigns")
    campaign = create_campaign(parent=index, slug="scent")
    index.slug = "projects"
    with on_commit():
        index.save_revision().publish()

    assert_redirects(client, "/campaigns/", "/projects/")
    assert_redirects(client, "/campaigns/feed/", "/projects/feed/")
    assert_redirects(client, "/campaigns/scent/", f"/projects/{campaign.slug}/")
    assert_redirects(client, "/fr/campaigns/scent/", "/fr/projects/scent/")


def test_a_page_that_takes_its_old_slug_back_does_not_loop(client, on_commit):
    index = create_campaign_index(slug="campaigns")
    campaign = create_campaign(parent=index, slug="scent")
    for slug in ("perfume", "scent"):
        campaign = CampaignPage.objects.get(pk=campaign.pk)
        campaign.slug = slug
        with on_commit():
            campaign.save_revision().publish()

    assert client.get("/campaigns/scent/").status_code == 200
    assert client.get("/campaigns/scent/nothing-here/").status_code == 404
    assert_redirects(client, "/campaigns/perfume/", "/campaigns/scent/")


def test_a_redirect_made_by_hand_covers_its_own_path_only(client):
    index = create_campaign_index(slug="campaigns")
    Redirect.add_redirect("/old-campaigns", redirect_to=index)

    assert_redirects(client, "/old-campaigns/", "/campaigns/")
    assert client.get("/old-campaigns/feed/").status_code == 404

"""Journey: an editor reads a campaign's insights from its edit view and downloads the CSV."""

import csv
import io
import re

import pytest

from tests.browser.signing_in import sign_in
from tests.community.insights_data import build_campaign
from tests.factories import create_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_editor_opens_a_campaigns_insights_and_downloads_the_csv(new_page, live_server):
    campaign, _people = build_campaign()
    editor = create_user("editor", username="editor")
    page = new_page(accept_downloads=True)
    edit_path = f"/admin/pages/{campaign.pk}/edit/"
    sign_in(page, live_server, editor, edit_path)
    page.wait_for_url(f"{live_server.url}{edit_path}")
    # Wagtail keeps the page's header buttons in its "Actions" dropdown.
    page.locator("header").get_by_role("button", name=re.compile("actions", re.I)).first.click()
    page.get_by_role("link", name="Insights", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/insights/campaigns/{campaign.pk}/")
    page.get_by_label("Period", exact=True).select_option("all")
    page.get_by_label("Group by").select_option("week")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"period=all&granularity=week"))
    assert page.locator('td[data-figure="participants"]').inner_text() == "4"
    assert page.locator('svg[role="img"]').count() == 14

    totals = page.locator("section", has=page.locator("#insights-totals"))
    with page.expect_download() as download_info:
        totals.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8") as downloaded:
        rows = list(csv.reader(io.StringIO(downloaded.read())))
    assert rows[0] == ["Figure", "Total"]
    assert ["Unique participants", "4"] in rows
    assert ["Page views of the campaign", "15"] in rows


def test_a_moderator_is_refused_the_insights(new_page, live_server):
    campaign, _people = build_campaign()
    moderator = create_user("moderator", username="moderator")
    page = new_page()
    sign_in(page, live_server, moderator, "/admin/")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/insights/campaigns/{campaign.pk}/")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.get_by_text("Sorry, you do not have permission to access this area.").is_visible()
    assert page.locator('td[data-figure="participants"]').count() == 0

"""Editors read a campaign's insights in the admin, as charts, tables and downloads."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.community.insights_data import build_campaign, grow
from tests.factories import create_user


def download(response):
    return b"".join(response.streaming_content).decode()


def insights_url(campaign, query="period=all&granularity=week"):
    return f"/admin/insights/campaigns/{campaign.pk}/?{query}"


@pytest.mark.django_db
def test_an_editor_reads_every_figure_with_a_chart_and_a_table(client_as, editor):
    campaign, _people = build_campaign()
    response = client_as(editor).get(insights_url(campaign))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<td data-figure="participants">4</td>' in html
    assert '<td data-figure="campaign_views">15</td>' in html
    assert '<td data-figure="median_decision_hours">13.0</td>' in html
    assert html.count('role="img"') == 14
    for table in ("summary", "statuses", "contributors", "moderators"):
        assert html.count(f'data-table="{table}"') == 1
    assert "<title>" in html and "<table" in html
    assert 'href="/admin/insights/campaigns/' in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["moderator", "consumer"])
def test_moderators_and_consumers_are_refused(client_as, role):
    # Wagtail answers a refused admin user with its "permission denied" redirect home.
    campaign, _people = build_campaign()
    client = client_as(create_user(role))
    sign_in_or_home = "/admin/login/" if role == "consumer" else "/admin/"
    for url in (
        insights_url(campaign),
        f"/admin/insights/campaigns/{campaign.pk}/table/ideas/?export=csv",
        "/admin/insights/",
        "/admin/insights/table/summary/?export=csv",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(sign_in_or_home)


@pytest.mark.django_db
def test_nonsense_in_the_query_falls_back_to_the_defaults(client_as, editor):
    campaign, _people = build_campaign()
    response = client_as(editor).get(insights_url(campaign, "period=<x>&granularity=year"))
    assert response.status_code == 200
    assert (
        client_as(editor).get(f"/admin/insights/campaigns/{campaign.pk}/table/nope/").status_code
        == 404
    )
    assert client_as(editor).get("/admin/insights/campaigns/999999/").status_code == 404


@pytest.mark.django_db
def test_the_campaign_edit_view_links_to_its_insights_for_editors_only(
    client_as, editor, moderator
):
    campaign, _people = build_campaign()
    edit = f"/admin/pages/{campaign.pk}/edit/"
    link = f"/admin/insights/campaigns/{campaign.pk}/"
    assert link in client_as(editor).get(edit).content.decode()


@pytest.mark.django_db
def test_a_figure_downloads_as_csv_with_its_weekly_numbers(client_as, editor):
    campaign, _people = build_campaign()
    url = (
        f"/admin/insights/campaigns/{campaign.pk}/table/campaign_views/"
        "?period=all&granularity=week&export=csv"
    )
    response = client_as(editor).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download(response))))
    assert rows[:4] == [
        ["Week starting", "Page views of the campaign"],
        ["2026-11-02", "10"],
        ["2026-11-09", "5"],
        ["2026-11-16", "0"],
    ]


@pytest.mark.django_db
def test_the_totals_download_as_xlsx_and_csv(client_as, editor):
    campaign, _people = build_campaign()
    base = f"/admin/insights/campaigns/{campaign.pk}/table/summary/?period=all&granularity=week"
    rows = list(csv.reader(io.StringIO(download(client_as(editor).get(base + "&export=csv")))))
    assert ["Unique participants", "4"] in rows
    assert ["Approval rate (%)", "50.0"] in rows
    xlsx = client_as(editor).get(base + "&export=xlsx")
    assert xlsx.status_code == 200
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_data(client_as, editor):
    campaign, _people = build_campaign()
    client = client_as(editor)
    counts = []
    for more in (0, 5):
        grow(campaign, more)
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(insights_url(campaign, "period=all&granularity=day")).status_code == 200
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 32

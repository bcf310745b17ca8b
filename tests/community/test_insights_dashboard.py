"""The site dashboard sums every campaign, names contributors as they chose, and sums up at home."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.community.insights_data import build_campaign, grow
from tests.factories import create_campaign, create_profile, create_topic

DASHBOARD = "/admin/insights/?period=all&granularity=week"


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def two_campaigns(db):
    campaign, people = build_campaign("soap")
    create_profile(people["alice"], pseudonym="Fig Fan")
    other, _others = build_campaign("candle")
    return campaign, other, people


def test_the_dashboard_adds_up_every_campaign(client_as, editor, two_campaigns):
    html = client_as(editor).get(DASHBOARD).content.decode()
    assert '<td data-figure="participants">8</td>' in html
    assert '<td data-figure="ideas">4</td>' in html
    assert '<td data-figure="campaign_views">30</td>' in html
    assert "Page views of campaigns" in html
    assert "Page views of the campaign" not in html
    assert "Fig Fan" in html
    assert "@example.com" not in html


def test_top_contributors_are_named_by_their_credit_choice_without_e_mail(
    client_as, editor, two_campaigns
):
    campaign, _other, people = two_campaigns
    url = f"/admin/insights/campaigns/{campaign.pk}/table/contributors/?period=all&export=csv"
    assert download(client_as(editor), url) == [
        ["Contributor", "Ideas", "Replies"],
        ["Anonymous contributor", "1", "1"],
        ["Fig Fan", "1", "0"],
    ]


def test_an_admin_also_reads_contributors_e_mails(client_as, admin_user, two_campaigns):
    campaign, _other, people = two_campaigns
    url = f"/admin/insights/campaigns/{campaign.pk}/table/contributors/?period=all&export=csv"
    rows = download(client_as(admin_user), url)
    assert rows[0] == ["Contributor", "E-mail", "Ideas", "Replies"]
    assert rows[2] == ["Fig Fan", people["alice"].email, "1", "0"]


def test_moderator_workload_counts_decisions_per_moderator(client_as, editor, two_campaigns):
    url = "/admin/insights/table/moderators/?period=all&export=csv"
    rows = download(client_as(editor), url)
    assert rows[0] == ["Moderator", "Decisions", "Approved"]
    assert sorted(rows[1:]) == [["Anonymous contributor", "2", "1"]] * 2


def test_the_home_page_sums_up_the_last_30_days_for_editors_only(client_as, editor, moderator):
    campaign = create_campaign()
    create_topic(forum=campaign.forum)
    create_topic(forum=campaign.forum)
    create_topic()  # in a forum of no campaign
    home = client_as(editor).get("/admin/").content.decode()
    assert "campaign-insights" in home
    assert '<dd data-figure="ideas">2</dd>' in home
    assert '<dd data-figure="participants">2</dd>' in home
    assert "campaign-insights" not in client_as(moderator).get("/admin/").content.decode()


@pytest.mark.parametrize("url", [DASHBOARD, "/admin/"])
def test_query_counts_do_not_grow_with_the_data(client_as, editor, two_campaigns, url):
    campaign, _other, _people = two_campaigns
    client = client_as(editor)
    client.get(url)
    counts = []
    for more in (0, 6):
        grow(campaign, more)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    if url == DASHBOARD:
        assert counts[1] <= 32


def test_a_pseudonym_that_looks_like_a_formula_stays_text_in_the_csv(client_as, editor):
    campaign, people = build_campaign()
    create_profile(people["alice"], pseudonym="=HYPERLINK(1)")
    url = f"/admin/insights/campaigns/{campaign.pk}/table/contributors/?period=all&export=csv"
    assert ["'=HYPERLINK(1)", "1", "0"] in download(client_as(editor), url)

"""Campaign results in the admin: counts and shares per question and call, no people, fast."""

import csv
import io

import pytest
from openpyxl import load_workbook

from community import actions
from tests.factories import create_campaign, create_user, variant_vote_block
from tests.factories import tester_call_block as call_block

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/campaign-results/"


def results_url(campaign):
    return f"{OVERVIEW}{campaign.pk}/"


def campaign_with_votes(fig=3, vetiver=1, title="Our new scent"):
    """A campaign whose question got `fig` votes for Fig and `vetiver` for Vetiver."""
    campaign = create_campaign(
        title=title,
        body=[
            variant_vote_block("Which scent?", labels=("Fig", "Vetiver", "Orange")),
            call_block("Test our new soap"),
        ],
    )
    question_id, question = next(iter(campaign.variant_questions.items()))
    variants = {variant.value["label"]: variant.id for variant in question["variants"].bound_blocks}
    for label, votes in (("Fig", fig), ("Vetiver", vetiver)):
        for _number in range(votes):
            actions.do_cast_variant_vote(
                campaign, question_id, variants[label], acting_user=create_user()
            )
    return campaign


def add_applications(campaign, editor, selected=1, pending=1):
    call_id = next(block.id for block in campaign.body if block.block_type == "tester_call")
    for number in range(selected + pending):
        application = actions.do_apply_as_tester(
            campaign,
            call_id,
            acting_user=create_user(),
            motivation="I test soaps.",
            availability="Weekends",
            consent_to_contact=True,
        )
        if number < selected:
            actions.do_decide_tester_application(application, "selected", acting_user=editor)


def csv_rows(response):
    content = b"".join(response.streaming_content).decode()
    return content, list(csv.DictReader(io.StringIO(content)))


def test_report_shows_votes_and_shares_per_variant_and_applications_per_status(client_as, editor):
    campaign = campaign_with_votes(fig=3, vetiver=1)
    add_applications(campaign, editor, selected=1, pending=3)

    response = client_as(editor).get(results_url(campaign))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Our new scent" in html
    for cells in (
        ("Which scent?", "Fig", "3", "75.0%"),
        ("Which scent?", "Vetiver", "1", "25.0%"),
        ("Which scent?", "Orange", "0", "0.0%"),
        ("Test our new soap", "Pending", "3", "75.0%"),
        ("Test our new soap", "Selected", "1", "25.0%"),
        ("Test our new soap", "Declined", "0", "0.0%"),
    ):
        position = 0
        for cell in cells:
            position = html.index(cell, position)  # in this order, within one row
    assert "@example.com" not in html


def test_csv_export_holds_aggregates_only(client_as, editor):
    campaign = campaign_with_votes(fig=3, vetiver=1)
    add_applications(campaign, editor, selected=1, pending=1)
    voters = [entry.username for entry in type(editor).objects.exclude(pk=editor.pk)]

    response = client_as(editor).get(results_url(campaign), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    content, rows = csv_rows(response)
    assert list(rows[0]) == ["Campaign", "Type", "Question or tester call", "Variant or status"] + [
        "Count",
        "Percent",
    ]
    table = [tuple(row.values()) for row in rows]
    assert ("Our new scent", "Variant vote", "Which scent?", "Fig", "3", "75.0") in table
    assert ("Our new scent", "Variant vote", "Which scent?", "Vetiver", "1", "25.0") in table
    assert ("Our new scent", "Tester call", "Test our new soap", "Selected", "1", "50.0") in table
    assert len(table) == 6
    assert "@" not in content
    assert not [username for username in voters if username in content]


def test_xlsx_export_opens(client_as, editor):
    campaign = campaign_with_votes(fig=1, vetiver=0)
    response = client_as(editor).get(results_url(campaign), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert ("Our new scent", "Variant vote", "Which scent?", "Fig", 1, 100.0) in rows


def test_report_queries_do_not_grow_with_votes(client_as, editor, django_assert_max_num_queries):
    campaign = campaign_with_votes(fig=3, vetiver=1)
    client = client_as(editor)
    client.get(results_url(campaign))  # warm the caches that fill once per process

    with django_assert_max_num_queries(15) as four_votes:
        assert "4 votes" not in client.get(results_url(campaign)).content.decode()
    question_id, question = next(iter(campaign.variant_questions.items()))
    orange = question["variants"].bound_blocks[2].id
    for _number in range(36):
        actions.do_cast_variant_vote(campaign, question_id, orange, acting_user=create_user())
    with django_assert_max_num_queries(len(four_votes)) as forty_votes:
        assert "90.0%" in client.get(results_url(campaign)).content.decode()
    assert len(forty_votes) == len(four_votes)


def test_overview_lists_campaigns_with_their_counts(client_as, editor):
    campaign = campaign_with_votes(fig=2, vetiver=1, title="Scent campaign")
    add_applications(campaign, editor, selected=0, pending=2)
    quiet = create_campaign(title="Quiet campaign", live=False)

    response = client_as(editor).get(OVERVIEW)
    html = response.content.decode()
    assert results_url(campaign) in html and results_url(quiet) in html
    scent_row = html[html.index("Scent campaign") :]
    assert ">3<" in scent_row[: scent_row.index("</tr>")].replace(" ", "").replace("\n", "")
    _content, rows = csv_rows(client_as(editor).get(OVERVIEW, {"export": "csv"}))
    assert {(row["Campaign"], row["Votes"], row["Tester applications"]) for row in rows} >= {
        ("Scent campaign", "3", "2"),
        ("Quiet campaign", "0", "0"),
    }


@pytest.mark.parametrize("role", ["moderator", "consumer"])
def test_results_are_for_editors(client_as, role):
    campaign = campaign_with_votes(fig=1, vetiver=0)
    client = client_as(create_user(role))
    sign_in_or_home = "/admin/login/" if role == "consumer" else "/admin/"
    for url in (OVERVIEW, results_url(campaign), f"{results_url(campaign)}?export=csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(sign_in_or_home)


def test_results_of_an_unknown_campaign_are_not_found(client_as, editor):
    assert client_as(editor).get(f"{OVERVIEW}999999/").status_code == 404

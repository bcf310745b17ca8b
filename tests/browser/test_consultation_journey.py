"""Journey 1, consultation: a visitor reads a campaign, signs up, votes, changes the vote, sees
the results; signing up brings them back to the question."""

import re

import pytest
from django.contrib.auth import get_user_model

from community.models import VariantVote
from tests.factories import create_campaign, variant_vote_block

EMAIL = "new.voter@example.com"
PASSWORD = "Lavender-fields-at-dawn-42"  # noqa: S105 - a test account's password


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


@pytest.fixture
def campaign():
    return create_campaign(
        title="Help us choose our new scent",
        intro="Three scents, one soap: tell us which one you would buy.",
        what_is_asked="Vote for the scent you prefer. You can change your vote until we close.",
        participant_benefits="The first hundred voters get a sample of the winning scent.",
        body=[
            variant_vote_block(
                question="Which scent should our new soap have?",
                labels=("Fig leaf", "Vetiver", "Orange blossom"),
            )
        ],
    )


@pytest.mark.browser
# live_server needs committed data; serialized_rollback restores the home page after the flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_visitor_signs_up_votes_changes_the_vote_and_sees_results(
    page, live_server, campaign, console_errors
):
    question_id = next(iter(campaign.variant_questions))
    campaign_url = live_server.url + campaign.url

    page.goto(campaign_url)
    assert page.get_by_role("heading", level=1).inner_text() == "Help us choose our new scent"
    rules = page.get_by_role("region", name="The rules")
    assert "Vote for the scent you prefer." in rules.inner_text()
    assert "The first hundred voters get a sample" in rules.inner_text()
    question = page.get_by_role("region", name="Which scent should our new soap have?")
    assert question.get_by_text("Orange blossom").is_visible()

    sign_in = question.get_by_role("link", name="Sign in to vote")
    assert (
        sign_in.get_attribute("href")
        == f"/accounts/login/?next={campaign.url}%23question-{question_id}"
    )
    # A newcomer takes the sign-up link beside it; allauth carries `next` through its form.
    question.get_by_role("link", name="New here? Sign up to vote").click()
    page.wait_for_url(re.compile(r"/accounts/signup/\?next="))
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    # Credited by a pseudonym (the default choice), with the terms and licence accepted.
    page.get_by_role("textbox", name="Pseudonym").fill("Vetiver fan")
    page.get_by_label(re.compile(r"^I accept the terms of use")).check()
    page.get_by_label(re.compile(r"^I license my contributions")).check()
    page.get_by_role("button", name="Sign Up").click()

    # Back on the campaign, at the question, signed in.
    page.wait_for_url(f"{campaign_url}#question-{question_id}")
    question = page.get_by_role("region", name="Which scent should our new soap have?")
    question.get_by_role("radio", name="Vetiver").check()
    question.get_by_role("button", name="Vote").click()
    page.wait_for_url(f"{campaign_url}#question-{question_id}")
    assert page.get_by_text("Your vote is recorded.").is_visible()
    question = page.get_by_role("region", name="Which scent should our new soap have?")
    assert question.get_by_text("1 vote", exact=True).is_visible()
    assert question.get_by_role("radio", name="Vetiver").is_checked()

    question.get_by_role("radio", name="Orange blossom").check()
    question.get_by_role("button", name="Change my vote").click()
    page.wait_for_url(f"{campaign_url}#question-{question_id}")
    results = page.locator(".variant-results")
    assert results.get_by_text("1 vote", exact=True).is_visible()
    rows = {
        row.locator(".variant-results-label").inner_text(): row.locator(
            ".variant-results-figures"
        ).inner_text()
        for row in results.get_by_role("listitem").all()
    }
    assert rows == {
        "Fig leaf": "0 votes, 0.0%",
        "Vetiver": "0 votes, 0.0%",
        "Orange blossom (your vote)": "1 vote, 100.0%",
    }

    voter = get_user_model().objects.get(email=EMAIL)
    orange = next(iter(campaign.variant_questions.values()))["variants"].bound_blocks[2].id
    assert list(VariantVote.objects.filter(voter=voter).values_list("variant_id")) == [(orange,)]
    csp_errors = [error for error in console_errors if "Content Security Policy" in error]
    assert csp_errors == []


@pytest.mark.django_db
def test_the_sign_in_page_links_to_sign_up_with_the_same_next(client):
    response = client.get("/accounts/login/?next=/campaigns/scent/%23question-1")
    next_url = "next=%2Fcampaigns%2Fscent%2F%23question-1"
    assert f'href="/accounts/signup/?{next_url}"' in response.content.decode()

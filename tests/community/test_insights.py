"""Campaign insights give the numbers of a campaign whose activity is known, day by day."""

import datetime

import pytest

from community.insights import WEEK, Period, campaign_figures, ideas_by_status
from tests.community.insights_data import END, EXPECTED_WEEKLY, START, WEEKS, build_campaign
from tests.factories import create_campaign, create_topic


def as_dict(figures):
    return {figure.key: figure for figure in figures}


@pytest.mark.django_db
def test_each_figure_of_a_campaign_per_iso_week_and_in_total():
    campaign, _people = build_campaign()
    figures = as_dict(campaign_figures(campaign, Period(START, END, WEEK)))
    assert set(figures) == set(EXPECTED_WEEKLY)
    for key, (total, weekly) in EXPECTED_WEEKLY.items():
        assert figures[key].total == total, key
        assert figures[key].points == list(zip(WEEKS, weekly, strict=True)), key


@pytest.mark.django_db
def test_daily_points_fall_on_the_days_things_happened():
    campaign, _people = build_campaign()
    figures = as_dict(campaign_figures(campaign, Period(START, END)))
    points = dict(figures["participants"].points)
    assert len(points) == 28
    day = datetime.date
    assert {d: n for d, n in points.items() if n} == {
        day(2026, 11, 3): 2,
        day(2026, 11, 10): 2,
        day(2026, 11, 11): 1,
    }
    assert figures["participants"].total == 4
    assert dict(figures["campaign_views"].points)[day(2026, 11, 10)] == 5
    assert dict(figures["median_decision_hours"].points)[day(2026, 11, 12)] == 2.0
    assert dict(figures["median_decision_hours"].points)[day(2026, 11, 13)] == 24.0


@pytest.mark.django_db
def test_another_campaign_counts_only_across_campaigns():
    campaign, _people = build_campaign()
    other = create_campaign()
    create_topic(forum=other.forum)
    # Created today, outside November 2026: a period of its own.
    period = Period(START, END, WEEK)
    assert as_dict(campaign_figures(campaign, period))["ideas"].total == 2
    assert as_dict(campaign_figures(other, period))["ideas"].total == 0
    assert as_dict(campaign_figures(None, period))["participants"].total == 4
    today = datetime.date.today()
    everywhere = as_dict(campaign_figures(None, Period(START, today, WEEK)))
    assert everywhere["ideas"].total == 3
    assert everywhere["participants"].total == 5


@pytest.mark.django_db
def test_ideas_by_status_counts_unreviewed_ideas_under_the_default():
    campaign, _people = build_campaign()
    counts = {status.slug: count for status, count in ideas_by_status(campaign)}
    assert counts["planned"] == 1
    assert counts["new"] == 1
    assert sum(counts.values()) == 2


SIGN_UP = "/accounts/signup/"


def sign_up(client, next_url, email="newcomer@example.com"):
    return client.post(
        SIGN_UP,
        {
            "email": email,
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "credit_preference": "anonymous",
            "accept_terms": "on",
            "accept_licence": "on",
            "next": next_url,
        },
    )


@pytest.mark.django_db
def test_a_sign_up_started_from_a_campaign_page_or_its_forum_counts_for_the_campaign(client):
    from community.models import ContributorProfile

    campaign = create_campaign()
    topic = create_topic(forum=campaign.forum)
    topic_url = (
        f"/forum/forum/{campaign.forum.slug}-{campaign.forum.pk}/topic/{topic.slug}-{topic.pk}/"
    )
    for number, next_url in enumerate(
        (
            campaign.url + "#question-1",
            campaign.url + "vote/q/",
            topic_url,
            "/",
            "https://elsewhere.example/",
        )
    ):
        client.logout()
        assert sign_up(client, next_url, f"newcomer{number}@example.com").status_code == 302
    via = dict(ContributorProfile.objects.values_list("user__email", "signed_up_via"))
    assert via == {
        "newcomer0@example.com": campaign.pk,
        "newcomer1@example.com": campaign.pk,
        "newcomer2@example.com": campaign.pk,
        "newcomer3@example.com": None,
        "newcomer4@example.com": None,
    }


def test_all_time_starts_at_publication_when_a_campaign_was_announced_before_it_opened(db):
    from django.utils import timezone

    from community.insights.periods import period_for

    today = datetime.date(2026, 11, 30)
    campaign = create_campaign()
    campaign.first_published_at = timezone.make_aware(datetime.datetime(2026, 11, 2, 9))
    campaign.opens_at = timezone.make_aware(datetime.datetime(2026, 11, 16, 9))
    campaign.save()
    period = period_for("all", "day", campaign, today=today)
    assert (period.start, period.end) == (datetime.date(2026, 11, 2), today)
    site_period = period_for("all", "week", today=today)
    assert site_period.start == datetime.date(2026, 11, 2)

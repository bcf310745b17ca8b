"""Page reads are counted per page and day, without cookies, sessions or anything on the reader."""

import datetime
import functools

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from wagtail.models import PageViewRestriction

from community.actions import do_count_page_view
from community.models import PageViewDay
from tests.concurrency import RACE_ROUNDS, postgresql_only, run_together
from tests.factories import create_campaign, create_topic

BEACON = "/community/page-views/"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0"


def views_today(page):
    row = PageViewDay.objects.filter(page=page, day=timezone.now().date()).first()
    return row.views if row else 0


@pytest.fixture
def campaign(db):
    return create_campaign()


def test_a_read_is_counted_for_its_page_and_day(client, campaign):
    for _read in range(3):
        response = client.post(BEACON, {"page": campaign.pk}, headers={"User-Agent": BROWSER})
        assert response.status_code == 204
    assert views_today(campaign) == 3


def test_counting_sets_no_cookie_and_writes_no_session(client, campaign):
    response = client.post(BEACON, {"page": campaign.pk}, headers={"User-Agent": BROWSER})
    assert not response.cookies
    assert Session.objects.count() == 0


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/156.0 Safari/537.36",
        "Mozilla/5.0 (Linux) Chrome-Lighthouse",
        "curl/8.5.0",
        "python-requests/2.32",
    ],
)
def test_crawlers_and_scripts_are_not_counted(client, campaign, user_agent):
    response = client.post(BEACON, {"page": campaign.pk}, headers={"User-Agent": user_agent})
    assert response.status_code == 204
    assert views_today(campaign) == 0


def test_drafts_and_private_pages_are_not_counted(client, db):
    draft = create_campaign(live=False)
    private = create_campaign()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for page in (draft, private):
        client.post(BEACON, {"page": page.pk}, headers={"User-Agent": BROWSER})
    assert PageViewDay.objects.count() == 0


@pytest.mark.parametrize("data", [{}, {"page": "home"}, {"page": "-1"}])
def test_a_malformed_beacon_is_refused_and_counts_nothing(client, campaign, data):
    response = client.post(BEACON, data, headers={"User-Agent": BROWSER})
    assert response.status_code == 400
    assert PageViewDay.objects.count() == 0


def test_the_beacon_only_accepts_posts(client, campaign):
    assert client.get(BEACON, {"page": campaign.pk}).status_code == 405


def test_days_are_counted_apart(campaign):
    today = timezone.now().date()
    do_count_page_view(campaign.pk, day=today - datetime.timedelta(days=1))
    do_count_page_view(campaign.pk, day=today)
    do_count_page_view(campaign.pk, day=today)
    counts = dict(PageViewDay.objects.filter(page=campaign).values_list("day", "views"))
    assert counts == {today - datetime.timedelta(days=1): 1, today: 2}


def test_wagtail_pages_carry_the_beacon_even_from_the_cache(client, campaign):
    for _visit in range(2):
        response = client.get(campaign.url)
        page = response.content.decode()
        assert f'data-page="{campaign.pk}"' in page
        assert 'data-url="/community/page-views/"' in page
    assert response["X-Cache"] == "hit"


def test_forum_pages_carry_no_page_beacon(client, db):
    topic = create_topic()
    forum = topic.forum
    response = client.get(f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/")
    assert "page-view.js" not in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@postgresql_only
def test_the_first_reads_of_a_day_at_the_same_instant_are_all_counted():
    campaign = create_campaign()
    for round_number in range(1, RACE_ROUNDS + 1):
        day = timezone.now().date() - datetime.timedelta(days=round_number)
        errors = run_together([functools.partial(do_count_page_view, campaign.pk, day=day)] * 20)
        assert errors == []
        assert PageViewDay.objects.get(page=campaign, day=day).views == 20, round_number

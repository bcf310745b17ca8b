"""A real browser reports one read of a public page under the site's CSP, cookies or not."""

import pytest
from django.utils import timezone

from community.models import PageViewDay
from tests.factories import create_campaign

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Headless Chromium names itself "HeadlessChrome", which the counter leaves out as a robot.
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Safari/537.36"
)


def test_opening_a_campaign_counts_one_read_and_sets_no_cookie(new_page, live_server):
    campaign = create_campaign()
    page = new_page(user_agent=DESKTOP_CHROME)
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message))
    with page.expect_response(lambda response: "/community/page-views/" in response.url) as beacon:
        page.goto(live_server.url + campaign.url)
    assert beacon.value.request.method == "POST"
    assert beacon.value.status == 204
    row = PageViewDay.objects.get(page_id=campaign.pk, day=timezone.now().date())
    assert row.views == 1
    assert page.context.cookies() == []
    assert console_errors == []

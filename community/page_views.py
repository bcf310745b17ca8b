"""The page-view beacon: public pages report a read after loading, outside the cached page."""

import re

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .actions import do_count_page_view

# Crawlers, previewers, monitors and scripted clients: their reads are not the brand's audience.
# Headless browsers (including Lighthouse) are counted out too.
NON_HUMAN_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|headless|lighthouse|pagespeed|preview|externalhit|"
    r"monitor|uptime|curl|wget|python|java/|go-http|httpclient|okhttp|libwww|scrapy",
    re.IGNORECASE,
)


# No token to check: the beacon changes nothing but a count, carries no cookie it relies on,
# and a cached page must not embed a token.
@csrf_exempt
@require_POST
def count_page_view(request):
    """Count one read of a live, public page; answer 204 whether or not it was counted.

    Nothing about the reader is read or kept: not the session (it is never loaded), nor the
    address; the user agent is only matched against non-human clients and forgotten.
    """
    page_id = request.POST.get("page", "")
    if not page_id.isdigit():
        return HttpResponseBadRequest("page: a page id is required.", content_type="text/plain")
    user_agent = request.headers.get("User-Agent", "")
    if user_agent and not NON_HUMAN_USER_AGENT.search(user_agent):
        if Page.objects.live().public().filter(pk=int(page_id)).exists():
            do_count_page_view(int(page_id))
    return HttpResponse(status=204)


# The forum's middleware gives anonymous writers a session key; a count needs none.
count_page_view.sessionless = True

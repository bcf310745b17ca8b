"""URLs of `make bench` only: the site's own, and a trivial view measured as the reference."""

from django.http import HttpResponse
from django.urls import path

from brandsite.urls import urlpatterns as site_urlpatterns


def trivial(request):
    """The cheapest page the stack can serve: every bench page is reported as a share of it."""
    return HttpResponse(b"ok\n", content_type="text/plain")


urlpatterns = [path("__bench__/trivial", trivial, name="bench_trivial"), *site_urlpatterns]

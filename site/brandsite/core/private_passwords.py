"""Shared passwords of private pages and documents, tried no faster than allauth's limits allow.

Wagtail's own views check them without any limit; these wrap them, and the site's URLs put the
wrappers at Wagtail's addresses (`ACCOUNT_RATE_LIMITS["page_password"]`: per address, and per
restriction so that many addresses together cannot guess one password either).
"""

from functools import wraps

from allauth.core import ratelimit
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views


def _limited(view, restriction_kind):
    @wraps(view)
    def limited_view(request, *args, **kwargs):
        restriction_id = kwargs.get("page_view_restriction_id", kwargs.get("restriction_id"))
        refusal = ratelimit.consume_or_429(
            request, action="page_password", key=f"{restriction_kind}:{restriction_id}"
        )
        return refusal or view(request, *args, **kwargs)

    return limited_view


page_password = _limited(page_views.authenticate_with_password, "page")
document_password = _limited(document_views.authenticate_with_password, "collection")

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from brandsite.core import private_passwords
from brandsite.core.media import serve_media
from brandsite.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own routes for the same paths: shared passwords tried within rate limits.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        private_passwords.document_password,
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("brandsite.seo.urls")),
    # Avatars and images, in production too, with the headers of brandsite.core.media.
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve_media),
]

# English lives at the root and French under /fr/, so switching language needs no cookie.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("community/", include("community.urls")),
    path("search/", include("brandsite.sitesearch.urls")),
    # machina's own search (haystack) gives way to the site search, keeping `q`.
    path(
        "forum/search/",
        RedirectView.as_view(pattern_name="sitesearch:search", query_string=True),
    ),
    # Before machina's own routes for the same paths: our subclasses of its views.
    path("forum/", include("forum.urls")),
    path("forum/", include("machina.urls")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        private_passwords.page_password,
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

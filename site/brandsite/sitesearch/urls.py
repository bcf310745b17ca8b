"""The public search page, inside the language prefix."""

from django.urls import path
from django.views.generic import RedirectView

app_name = "sitesearch"
urlpatterns = [
    # Until the site search lands, machina's forum search answers.
    path(
        "",
        RedirectView.as_view(pattern_name="forum_search:search", query_string=True),
        name="search",
    ),
]

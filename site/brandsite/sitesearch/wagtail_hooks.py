"""Editors read what visitors search for: Wagtail's "Search terms" report, opened to them.

Wagtail shows that report to superusers only; here it is shown to whoever may keep promoted
search results (Settings → Promoted search results), which the Editors group may.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

PROMOTION_PERMISSIONS = tuple(
    f"wagtailsearchpromotions.{action}_searchpromotion" for action in ("add", "change", "delete")
)


def may_promote_results(user):
    return any(user.has_perm(permission) for permission in PROMOTION_PERMISSIONS)


class EditorSearchTermsReportView(SearchTermsReportView):
    index_url_name = "sitesearch_search_terms"
    index_results_url_name = "sitesearch_search_terms_results"

    def dispatch(self, request, *args, **kwargs):
        if not may_promote_results(request.user):
            return permission_denied(request)
        # Skip Wagtail's superuser-only check; ReportView's own dispatch still runs.
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_promote_results(request.user)


@hooks.register("register_admin_urls")
def register_search_terms_report():
    return [
        path(
            "reports/site-search-terms/",
            EditorSearchTermsReportView.as_view(),
            name="sitesearch_search_terms",
        ),
        path(
            "reports/site-search-terms/results/",
            EditorSearchTermsReportView.as_view(results_only=True),
            name="sitesearch_search_terms_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Search terms"),
        reverse("sitesearch_search_terms"),
        name="site-search-terms",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_superuser_only_search_terms(request, menu_items):
    """Wagtail's own entry (superusers only) would list the same report twice."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]

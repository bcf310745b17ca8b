from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from brandsite.core.views import healthz
from forum.moderation import NotifyingPostApproveView, NotifyingPostDisapproveView
from forum.views import SortedForumView

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# English lives at the root and French under /fr/, so switching language needs no cookie.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("community/", include("community.urls")),
    # Before machina's own route for the same path, which `{% url 'forum:forum' %}` still names.
    path(
        "forum/forum/<str:slug>-<int:pk>/",
        SortedForumView.as_view(),
        name="forum_sorted_topics",
    ),
    # Before machina's own routes: approving or rejecting a queued post notifies its author.
    path(
        "forum/moderation/queue/<int:pk>/approve/",
        NotifyingPostApproveView.as_view(),
        name="forum_approve_post",
    ),
    path(
        "forum/moderation/queue/<int:pk>/disapprove/",
        NotifyingPostDisapproveView.as_view(),
        name="forum_disapprove_post",
    ),
    path("forum/", include("machina.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

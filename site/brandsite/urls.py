from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from brandsite.core.views import healthz
from forum.views import (
    ConsentedPostCreateView,
    ConsentedTopicCreateView,
    CreditedTopicView,
    MemberProfileRedirectView,
    SortedForumView,
)

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
    # Our subclasses of machina's topic pages, and its member profile sent to ours: each keeps
    # machina's path, before machina's own route, so machina's URL names still point here.
    path(
        "forum/forum/<str:forum_slug>-<int:forum_pk>/topic/create/",
        ConsentedTopicCreateView.as_view(),
    ),
    path(
        "forum/forum/<str:forum_slug>-<int:forum_pk>/topic/<str:slug>-<int:pk>/",
        CreditedTopicView.as_view(),
    ),
    path(
        "forum/forum/<str:forum_slug>-<int:forum_pk>/topic/<str:topic_slug>-<int:topic_pk>/post/create/",
        ConsentedPostCreateView.as_view(),
    ),
    path("forum/member/profile/<int:pk>/", MemberProfileRedirectView.as_view()),
    path(
        "forum/member/profile/edit/",
        RedirectView.as_view(pattern_name="community:account_settings"),
    ),
    path("forum/", include("machina.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

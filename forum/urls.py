"""Our subclasses of machina's views, matched before machina's own URLs for the same paths.

`{% url 'forum_conversation:…' %}` still names machina's patterns, which resolve to these; our
names only let the language links translate these addresses.
"""

from django.urls import path
from django.views.generic import RedirectView
from machina.apps.forum_member.views import UserPostsView

from . import posting
from .feeds import PublicLastTopicsFeed
from .moderation import QUEUE_URL_NAME, NotifyingPostApproveView, NotifyingPostDisapproveView
from .views import (
    AttachmentDownloadView,
    CreditedTopicView,
    ForumIndexView,
    MarkForumTopicsReadView,
    MemberProfileRedirectView,
    SortedForumView,
    member_page_not_found,
)

conversation = "forum/<str:forum_slug>-<int:forum_pk>/topic/"

urlpatterns = [
    # machina's index, named here for the language links.
    path("", ForumIndexView.as_view(), name="forum_index"),
    path("forum/<str:slug>-<int:pk>/", SortedForumView.as_view(), name="forum_sorted_topics"),
    path(f"{conversation}create/", posting.TopicCreateView.as_view(), name="topic_create"),
    path(f"{conversation}<str:slug>-<int:pk>/", CreditedTopicView.as_view(), name="topic_detail"),
    path(
        f"{conversation}<str:slug>-<int:pk>/update/",
        posting.TopicUpdateView.as_view(),
        name="topic_update",
    ),
    path(
        f"{conversation}<str:topic_slug>-<int:topic_pk>/post/create/",
        posting.PostCreateView.as_view(),
        name="post_create",
    ),
    path(
        f"{conversation}<str:topic_slug>-<int:topic_pk>/<int:pk>/post/update/",
        posting.PostUpdateView.as_view(),
        name="post_update",
    ),
    path("poll/<int:pk>/vote/", posting.TopicPollVoteView.as_view()),
    path("attachment/<int:pk>/", AttachmentDownloadView.as_view()),
    # machina's feeds, public content only; the URL names stay machina's.
    path("feeds/topics/", PublicLastTopicsFeed()),
    path("feeds/forum/<str:forum_slug>-<int:forum_pk>/topics/", PublicLastTopicsFeed()),
    path(
        "feeds/forum/<str:forum_slug>-<int:forum_pk>/topics/all/",
        PublicLastTopicsFeed(),
        {"descendants": True},
    ),
    # One moderation queue, in the Wagtail admin; deciding from machina takes the same path.
    path("moderation/queue/", RedirectView.as_view(pattern_name=QUEUE_URL_NAME)),
    path("moderation/queue/<int:pk>/approve/", NotifyingPostApproveView.as_view()),
    path("moderation/queue/<int:pk>/disapprove/", NotifyingPostDisapproveView.as_view()),
    path("tracking/mark/forum/<int:pk>/topics/", MarkForumTopicsReadView.as_view()),
    # machina's member profile gives way to ours, which honours each person's credit choice.
    path("member/profile/<int:pk>/", MemberProfileRedirectView.as_view()),
    path("member/profile/<int:pk>/posts/", UserPostsView.as_view()),
    path(
        "member/profile/edit/",
        RedirectView.as_view(pattern_name="community:account_settings"),
    ),
    # machina's member pages read any text as a user id; one that is not a number is nobody.
    path("member/profile/<str:pk>/", member_page_not_found),
    path("member/profile/<str:pk>/posts/", member_page_not_found),
]

"""URLs of the community that live outside Wagtail pages: idea votes and statuses, people."""

from django.urls import path

from . import profile_views, views

app_name = "community"

urlpatterns = [
    path("ideas/<int:topic_id>/vote/", views.vote_for_idea, name="vote_for_idea"),
    path("ideas/<int:topic_id>/unvote/", views.withdraw_idea_vote, name="withdraw_idea_vote"),
    path("ideas/<int:topic_id>/status/", views.set_idea_status, name="set_idea_status"),
    path("people/<int:user_id>/", profile_views.contributor_profile_page, name="profile"),
    path("account/", profile_views.account_settings, name="account_settings"),
    path("account/avatar/", profile_views.upload_avatar, name="upload_avatar"),
    path("account/avatar/remove/", profile_views.remove_avatar, name="remove_avatar"),
    path("account/consent/", profile_views.accept_documents, name="accept_documents"),
]

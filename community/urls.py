"""Community URLs outside Wagtail pages: ideas, merges, follows, reports, notifications, people."""

from django.urls import path

from . import (
    account_views,
    duplicate_views,
    notification_views,
    page_views,
    profile_views,
    report_views,
    story_views,
    views,
)

app_name = "community"

urlpatterns = [
    path("ideas/<int:topic_id>/vote/", views.vote_for_idea, name="vote_for_idea"),
    path("ideas/<int:topic_id>/unvote/", views.withdraw_idea_vote, name="withdraw_idea_vote"),
    path("ideas/<int:topic_id>/status/", views.set_idea_status, name="set_idea_status"),
    path("ideas/<int:topic_id>/merge/", duplicate_views.merge_idea, name="merge_idea"),
    path("ideas/similar/", duplicate_views.similar_ideas_json, name="similar_ideas"),
    path("ideas/<int:topic_id>/follow/", views.follow_topic, name="follow_topic"),
    path("ideas/<int:topic_id>/unfollow/", views.unfollow_topic, name="unfollow_topic"),
    path("forums/<int:forum_id>/follow/", notification_views.follow_forum, name="follow_forum"),
    path(
        "forums/<int:forum_id>/unfollow/",
        notification_views.unfollow_forum,
        name="unfollow_forum",
    ),
    path("posts/<int:post_id>/report/", report_views.report_post, name="report_post"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/<int:notification_id>/read/",
        notification_views.mark_notification_read,
        name="mark_notification_read",
    ),
    path(
        "notifications/read/",
        notification_views.mark_all_notifications_read,
        name="mark_all_notifications_read",
    ),
    path("unsubscribe/<str:token>/", notification_views.unsubscribe, name="unsubscribe"),
    path("people/<int:user_id>/", profile_views.contributor_profile_page, name="profile"),
    path("account/", profile_views.account_settings, name="account_settings"),
    path("account/avatar/", profile_views.upload_avatar, name="upload_avatar"),
    path("account/avatar/remove/", profile_views.remove_avatar, name="remove_avatar"),
    path("account/consent/", profile_views.accept_documents, name="accept_documents"),
    path("account/data/", account_views.download_my_data, name="download_my_data"),
    path("account/delete/", account_views.delete_account, name="delete_account"),
    path("page-views/", page_views.count_page_view, name="count_page_view"),
    path("stories/<int:page_id>/consent/", story_views.story_consent, name="story_consent"),
]

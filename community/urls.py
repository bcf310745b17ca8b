"""URLs of the community's actions outside Wagtail pages: ideas' votes, statuses and merges."""

from django.urls import path

from . import duplicate_views, views

app_name = "community"

urlpatterns = [
    path("ideas/<int:topic_id>/vote/", views.vote_for_idea, name="vote_for_idea"),
    path("ideas/<int:topic_id>/unvote/", views.withdraw_idea_vote, name="withdraw_idea_vote"),
    path("ideas/<int:topic_id>/status/", views.set_idea_status, name="set_idea_status"),
    path("ideas/<int:topic_id>/merge/", duplicate_views.merge_idea, name="merge_idea"),
    path("ideas/similar/", duplicate_views.similar_ideas_json, name="similar_ideas"),
]

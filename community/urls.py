"""URLs of the community's actions that live outside Wagtail pages: idea votes and statuses."""

from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("ideas/<int:topic_id>/vote/", views.vote_for_idea, name="vote_for_idea"),
    path("ideas/<int:topic_id>/unvote/", views.withdraw_idea_vote, name="withdraw_idea_vote"),
    path("ideas/<int:topic_id>/status/", views.set_idea_status, name="set_idea_status"),
]

"""machina's `get_permission` template tag, as the forum app serves it."""

import inspect
from unittest import mock

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from forum.handler import CampaignPermissionHandler
from forum.permission_tag import public_method_names
from tests.factories import create_forum

pytestmark = pytest.mark.django_db


def can_add_topic(user, forum):
    request = RequestFactory().get("/forum/")
    request.user, request.forum_permission_handler = user, CampaignPermissionHandler()
    template = Template(
        "{% load forum_permission_tags %}"
        "{% get_permission 'can_add_topic' forum request.user as allowed %}{{ allowed }}"
    )
    return template.render(Context({"request": request, "forum": forum}))


def test_it_answers_for_the_reader(anonymous, consumer):
    forum = create_forum()

    assert can_add_topic(consumer, forum) == "True"
    assert can_add_topic(anonymous, forum) == "False"


def test_it_refuses_private_methods():
    with pytest.raises(TemplateSyntaxError, match="Only the following methods"):
        Template(
            "{% load forum_permission_tags %}{% get_permission '_get_checker' None as x %}"
        ).render(Context({}))


def test_it_lists_the_handler_methods_once_not_on_every_use(consumer):
    """machina's own tag listed them on every use, dozens of times per topic page."""
    forum = create_forum()
    public_method_names.cache_clear()
    with mock.patch("inspect.getmembers", wraps=inspect.getmembers) as getmembers:
        for _use in range(5):
            can_add_topic(consumer, forum)

    assert getmembers.call_count == 1

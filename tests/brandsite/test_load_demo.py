import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.models import Site

from brandsite.core.models import BrandSettings
from community.roles import MODERATORS


def counts():
    return (
        Forum.objects.count(),
        Topic.objects.count(),
        Post.objects.count(),
        get_user_model().objects.count(),
    )


@pytest.mark.django_db
def test_load_demo_builds_the_site_once(client, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first == (2, 1, 1, 5)

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.live
    assert BrandSettings.for_site(site).brand_name == "Atelier Verde"
    home = client.get("/")
    assert "Help us make what you want next" in home.content.decode()
    forum = client.get("/forum/")
    assert "Welcome" in forum.content.decode()


@pytest.mark.django_db
def test_demo_accounts_sign_in_with_the_documented_password(client, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    response = client.post(
        "/accounts/login/", {"login": "moderator@example.com", "password": "cocreate-demo"}
    )
    assert response.status_code == 302
    moderator = get_user_model().objects.get(email="moderator@example.com")
    assert moderator.groups.filter(name=MODERATORS).exists()


@pytest.mark.django_db
def test_no_demo_accounts_without_debug(settings):
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.filter(email__endswith="@example.com").exists()
    assert Topic.objects.count() == 1

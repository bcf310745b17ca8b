"""robots.txt names the sitemap and keeps crawlers out of private and posting addresses."""

import pytest

from tests.factories import create_forum, create_topic, create_user

pytestmark = pytest.mark.django_db


def robots_rules(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    return lines


def test_robots_txt_points_to_the_absolute_sitemap_address(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "brand.example"]
    assert "Sitemap: http://testserver/sitemap.xml" in robots_rules(client)
    secure = client.get("/robots.txt", secure=True, headers={"host": "brand.example"})
    assert "Sitemap: https://brand.example/sitemap.xml" in secure.content.decode()


def test_robots_txt_disallows_private_search_and_posting_addresses_in_both_languages(client):
    lines = robots_rules(client)
    assert "Disallow: /admin/" in lines
    for prefix in ("", "/fr"):
        for path in (
            "/accounts/",
            "/search/",
            "/community/account/",
            "/community/notifications/",
            "/forum/forum/*/topic/create/",
            "/forum/forum/*/post/",
            "/forum/moderation/",
            "/forum/member/",
        ):
            assert f"Disallow: {prefix}{path}" in lines
    # Public pages stay open: nothing disallows the forum, topics, profiles or the site itself.
    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")]
    assert not {"/", "/forum/", "/community/", "/community/people/"} & set(disallowed)


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/fr/accounts/signup/",
        "/community/account/",
        "/community/notifications/",
        "/fr/community/notifications/",
        "/search/?q=soap",
        "/admin/login/",
    ],
)
def test_private_pages_ask_not_to_be_indexed(client, path):
    response = client.get(path)
    assert response["X-Robots-Tag"] == "noindex"


def test_posting_pages_ask_not_to_be_indexed_and_topics_do_not(client):
    topic = create_topic(forum=create_forum())
    forum = topic.forum
    client.force_login(create_user())
    create_url = f"/forum/forum/{forum.slug}-{forum.pk}/topic/create/"
    reply_url = f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/post/create/"
    topic_url = f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
    assert client.get(create_url)["X-Robots-Tag"] == "noindex"
    assert client.get(reply_url)["X-Robots-Tag"] == "noindex"
    assert "X-Robots-Tag" not in client.get(topic_url)


def test_public_pages_carry_no_robots_header(client):
    for path in ("/", "/forum/", "/robots.txt"):
        assert "X-Robots-Tag" not in client.get(path), path

"""Titles, descriptions, canonical addresses, language alternates and share cards."""

import pytest
from django.core.exceptions import ValidationError

from tests.duplicates import forum_url, topic_url
from tests.factories import (
    create_blog_index,
    create_blog_post,
    create_campaign_index,
    create_reply,
    create_topic,
)

from .conftest import link_hrefs, meta_content, read_head

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def canonical(response):
    (href,) = [href for _lang, href in link_hrefs(response, "canonical")]
    return href


def test_a_page_without_its_own_description_falls_back_to_the_brand(client, brand):
    index = create_campaign_index(title="Campaigns", slug="campaigns")

    response = client.get(index.url)

    assert read_head(response).title == "Campaigns · Atelier Verde"
    assert meta_content(response, "description") == ["Natural soaps made with you."]
    assert meta_content(response, "og:description") == ["Natural soaps made with you."]
    assert meta_content(response, "og:title") == ["Campaigns"]
    assert meta_content(response, "og:site_name") == ["Atelier Verde"]


def test_the_promote_tab_sets_title_and_description(client, brand):
    index = create_campaign_index(
        title="Campaigns", seo_title="Have your say", search_description="Vote on our ideas."
    )

    response = client.get(index.url)

    assert read_head(response).title == "Have your say"
    assert meta_content(response, "description") == ["Vote on our ideas."]
    assert meta_content(response, "og:title") == ["Have your say"]


def test_canonical_drops_sort_filter_and_first_page_parameters(client):
    topic = create_topic()

    forum_page = client.get(forum_url(topic.forum) + "?sort=votes&status=planned&page=1")
    topic_page = client.get(topic_url(topic) + f"?post={topic.first_post_id}&utm_source=x")

    assert canonical(forum_page) == ORIGIN + forum_url(topic.forum)
    assert canonical(topic_page) == ORIGIN + topic_url(topic)
    assert meta_content(topic_page, "og:url") == [ORIGIN + topic_url(topic)]


def test_each_later_page_of_a_list_is_its_own_content(client):
    blog = create_blog_index(slug="journal")
    for _number in range(11):
        create_blog_post(blog)
    topic = create_topic()
    for _number in range(15):
        create_reply(topic)

    blog_page = client.get(f"{blog.url}?page=2&sort=old")
    topic_page = client.get(topic_url(topic) + "?page=2")

    assert canonical(blog_page) == f"{ORIGIN}/journal/?page=2"
    assert canonical(topic_page) == f"{ORIGIN}{topic_url(topic)}?page=2"


def test_every_page_names_its_english_and_french_versions(client):
    topic = create_topic()
    post = create_blog_post(create_blog_index(slug="journal"), slug="hello")

    french_topic = client.get("/fr" + topic_url(topic))
    english_post = client.get(post.url)

    assert canonical(french_topic) == f"{ORIGIN}/fr{topic_url(topic)}"
    assert [link for link in link_hrefs(french_topic, "alternate") if link[0]] == [
        ("en", ORIGIN + topic_url(topic)),
        ("fr", f"{ORIGIN}/fr{topic_url(topic)}"),
        ("x-default", ORIGIN + topic_url(topic)),
    ]
    assert meta_content(french_topic, "og:locale") == ["fr_FR"]
    assert meta_content(french_topic, "og:locale:alternate") == ["en_US"]
    alternates = [link for link in link_hrefs(english_post, "alternate") if link[0]]
    assert alternates == [
        ("en", f"{ORIGIN}/journal/hello/"),
        ("fr", f"{ORIGIN}/fr/journal/hello/"),
        ("x-default", f"{ORIGIN}/journal/hello/"),
    ]
    assert read_head(french_topic).title.startswith(topic.subject)


def test_share_card_uses_the_brand_image_as_an_absolute_rendition(client, brand):
    response = client.get(create_campaign_index().url)

    (image,) = meta_content(response, "og:image")
    assert image.startswith(f"{ORIGIN}/media/images/")
    assert ".fill-1200x630" in image
    assert meta_content(response, "og:image:width") == ["1200"]
    assert meta_content(response, "og:image:height") == ["630"]
    assert meta_content(response, "og:image:alt") == ["Our name on green"]
    assert meta_content(response, "twitter:card") == ["summary_large_image"]
    assert meta_content(response, "twitter:site") == ["@atelierverde"]
    assert meta_content(response, "og:type") == ["website"]


def test_a_blog_post_shares_its_cover_as_an_article(client, brand, make_image):
    post = create_blog_post(
        create_blog_index(), cover_image=make_image("Cover"), cover_image_alt="Three bottles"
    )

    response = client.get(post.url)

    (image,) = meta_content(response, "og:image")
    assert image == ORIGIN + post.cover_image.get_rendition("fill-1200x630").url
    assert meta_content(response, "og:image:alt") == ["Three bottles"]
    assert meta_content(response, "og:type") == ["article"]


def test_without_any_image_the_card_is_a_summary(client):
    response = client.get(create_campaign_index().url)

    assert meta_content(response, "og:image") == []
    assert meta_content(response, "twitter:card") == ["summary"]


def test_a_thread_is_described_by_the_plain_text_of_its_first_post(client, brand):
    words = " ".join(["fig"] * 60)
    topic = create_topic(subject="A fig soap", content=f"**Bold** idea: {words}")

    response = client.get(topic_url(topic))

    (description,) = meta_content(response, "description")
    assert description.startswith("Bold idea: fig fig")
    assert len(description) <= 155 and description.endswith("…")
    assert meta_content(response, "og:title") == ["A fig soap"]
    assert meta_content(response, "og:type") == ["article"]
    assert read_head(response).title == "A fig soap · Forum · Atelier Verde"


def test_user_text_in_meta_tags_stays_an_attribute(client):
    script = "</script><script>alert(1)</script>"
    topic = create_topic(subject=f'Soap "{script}', content=f"Nice {script}")

    response = client.get(topic_url(topic))

    assert "<script>alert(1)</script>" not in response.content.decode()
    assert meta_content(response, "og:title") == [f'Soap "{script}']
    assert meta_content(response, "description") == [f"Nice {script}"]


def test_error_pages_have_no_canonical_address(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode()


def test_brand_profiles_must_be_web_addresses(brand):
    brand.same_as = "https://social.example/atelier\njavascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        brand.full_clean()
    assert "same_as" in error.value.message_dict


def test_a_hidden_first_post_never_describes_its_topic(client, client_as, moderator):
    topic = create_topic(content="Words under review.", approved=False)

    for reader in (client, client_as(moderator)):
        response = reader.get(topic_url(topic))
        assert "Words under review." not in response.content.decode()

"""The site search page: pages and forum posts a visitor may see, excerpts, pages of results."""

import re
import uuid

import pytest
from bs4 import BeautifulSoup
from machina.apps.forum_conversation.models import Post
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.duplicates import make_private
from tests.factories import (
    create_blog_index,
    create_blog_post,
    create_forum,
    create_reply,
    create_topic,
)
from tests.forum.xss import SPREAD_SAMPLE, as_params, page_problems

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def paragraph(html):
    return [{"type": "paragraph", "id": str(uuid.uuid4()), "value": html}]


def search(client, query, **params):
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200
    return response


def result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [title.get_text(" ", strip=True) for title in soup.select(".search-result__title")]


def result_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link["href"] for link in soup.select(".search-result__title a")]


def test_finds_a_page_and_a_thread_by_a_word_in_their_body(client):
    post = create_blog_post(
        title="Our new range", body=paragraph("<p>Distilled from <b>vetiver</b> roots.</p>")
    )
    topic = create_topic(subject="A soap idea", content="What about a vetiver soap bar?")
    create_topic(subject="Unrelated", content="Lavender everywhere.")

    response = search(client, "vetiver")

    assert result_titles(response) == ["Our new range", "A soap idea"]
    links = result_links(response)
    assert links[0] == post.url
    assert (
        links[1]
        == f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"
    )
    html = response.content.decode()
    assert "<mark>vetiver</mark> roots" in html
    assert "a <mark>vetiver</mark> soap bar" in html
    assert "2 results for “vetiver”" in html
    assert "<title>Search: vetiver (2 results)" in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_reply_links_to_its_place_in_the_thread(client):
    topic = create_topic(subject="Packaging", content="Glass or paper?")
    reply = create_reply(topic, content="Recycled glass, like the bottles of old.")

    response = search(client, "recycled")

    assert result_titles(response) == ["Packaging"]
    assert result_links(response) == [
        f"{result_links(search(client, 'paper'))[0]}?post={reply.pk}#{reply.pk}"
    ]
    assert "Forum reply" in response.content.decode()


def test_never_shows_pending_hidden_or_unreadable_content(client, client_as, consumer):
    create_topic(subject="Pending thread", content="zanzibar pending first post", approved=False)
    visible = create_topic(subject="Visible thread", content="Nothing to see.")
    create_reply(visible, content="zanzibar held reply", approved=False)
    hidden = create_reply(visible, content="zanzibar reported reply")
    Post.objects.filter(pk=hidden.pk).update(approved=False)  # hidden after reports
    create_topic(forum=make_private(create_forum()), subject="Secret", content="zanzibar private")
    blog = create_blog_index()
    create_blog_post(index=blog, title="Draft", intro="zanzibar draft", live=False)
    private = create_blog_post(index=blog, title="Members only", intro="zanzibar members")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    create_topic(subject="Public thread", content="zanzibar public")

    for visitor in (client, client_as(consumer)):
        response = search(visitor, "zanzibar")
        html = response.content.decode()
        assert result_titles(response) == ["Public thread"]
        for secret in ("pending", "held", "reported", "private", "draft", "members", "Secret"):
            assert secret not in html.split("<main")[1], secret


def test_readers_of_a_private_forum_find_its_posts(client_as, moderator):
    create_topic(forum=make_private(create_forum()), subject="Secret", content="zanzibar private")

    assert result_titles(search(client_as(moderator), "zanzibar")) == ["Secret"]


def test_an_edit_or_a_deletion_reaches_the_index(client):
    topic = create_topic(subject="Colours", content="Teal bottles")
    post = topic.first_post
    post.content = "Ochre bottles"
    post.save()

    assert result_titles(search(client, "ochre")) == ["Colours"]
    assert result_titles(search(client, "teal")) == []

    topic.delete()
    assert result_titles(search(client, "ochre")) == []


@pytest.mark.parametrize(
    "payload",
    ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "&lt;b&gt;mark&lt;/b&gt;"],
)
def test_subjects_and_content_are_escaped_in_results(client, payload):
    create_topic(subject=f"{payload} xylophone", content=f"xylophone {payload} `{payload}`")

    response = search(client, "xylophone")
    main = response.content.decode().split("<main")[1]

    assert "<script>alert" not in main
    assert "<img" not in main
    assert "<b>mark" not in main
    soup = BeautifulSoup(main, "html.parser")
    assert {tag.name for tag in soup.select(".search-result *")} <= {
        "p", "span", "time", "h3", "a", "mark"
    }  # fmt: skip


def test_pages_of_results_and_bad_page_numbers(client):
    forum = create_forum()
    for number in range(12):
        create_topic(forum=forum, subject=f"Quokka {number}", content="quokka")

    first = search(client, "quokka")
    second = search(client, "quokka", page=2)

    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 2
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert 'rel="next"' in first.content.decode()
    assert '<ol class="search-results" start="11">' in second.content.decode()
    assert result_titles(search(client, "quokka", page=99)) == result_titles(second)
    assert result_titles(search(client, "quokka", page="x")) == result_titles(first)
    assert Query.get("quokka").hits == 2  # turning pages is not a new search


@pytest.mark.parametrize(
    ("query", "message"),
    [("   ", None), ("?!", "Type at least one word"), ("a" * 101, "at most 100 characters")],
)
def test_empty_or_too_long_queries_are_explained(client, query, message):
    response = search(client, query)

    html = response.content.decode()
    assert "search-result" not in html
    assert 'name="q"' in html
    if message:
        assert message in html
    assert not Query.objects.exists()


@pytest.mark.parametrize("query", ['"', "'", "NOT", "a AND", "x*", "(", "NEAR(a b)", "-", "é€😀"])
def test_odd_queries_never_fail(client, query):
    create_topic(subject="Odd", content="NOT AND NEAR x a b é")
    search(client, query)


def test_searches_are_recorded_for_editors_and_promotions_come_first(client):
    target = create_blog_post(title="Our scent guide", intro="Everything about our scents.")
    draft = create_blog_post(title="Unpublished guide", live=False)
    query = Query.get("Fig")
    SearchPromotion.objects.create(query=query, page=target, sort_order=0)
    SearchPromotion.objects.create(query=query, page=draft, sort_order=1)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.com/fig",
        external_link_text="Fig facts",
        sort_order=2,
    )

    html = search(client, "  fig ").content.decode()
    search(client, "FIG")

    assert query.hits == 2
    promoted = BeautifulSoup(html, "html.parser").select_one(".site-search__section--promoted")
    assert [a.get_text() for a in promoted.select("a")] == ["Our scent guide", "Fig facts"]
    assert "Recommended" in html


def test_machina_search_leads_to_the_site_search(client):
    response = client.get("/forum/search/", {"q": "fig leaf"})

    assert response.status_code in (301, 302)
    assert response["Location"] == "/search/?q=fig+leaf"


def test_header_links_to_the_site_search(client):
    html = client.get(SEARCH).content.decode()

    assert re.search(r'<a class="site-menu__link" href="/search/"[^>]*>Search</a>', html)
    assert "<search>" in html
    assert '<label for="id_q">Search the site' in html


def test_search_queries_do_not_grow_with_results(client, django_assert_max_num_queries):
    blog = create_blog_index()
    forum = create_forum()
    for size in (1, 8):
        for number in range(size):
            create_blog_post(index=blog, title=f"Wombat page {size}-{number}", intro="wombat")
            topic = create_topic(forum=forum, subject=f"Wombat {size}-{number}", content="wombat")
            create_reply(topic, content="wombat too")
        search(client, "wombat")  # caches warm up once
        # Site, settings, header links and view restrictions (3); readable forums (7); two
        # counts; pages (base, then specific per page type); posts with topic and forum;
        # promotions and their view restrictions; the recorded query (3).
        with django_assert_max_num_queries(21):
            search(client, "wombat")


def test_a_heading_is_found_by_its_words_not_by_its_level_label(client):
    heading = {
        "type": "heading",
        "id": str(uuid.uuid4()),
        "value": {"text": "Why vetiver", "level": "h2"},
    }
    create_blog_post(title="Our new range", body=[heading])

    assert result_titles(search(client, "vetiver")) == ["Our new range"]
    assert result_titles(search(client, "Section")) == []


@pytest.mark.parametrize("payload", as_params(SPREAD_SAMPLE, "payload"))
def test_a_searched_payload_is_shown_as_text_to_the_visitor_and_the_editors(
    payload, client, client_as, editor
):
    query = payload[:100]  # the form's limit
    html = search(client, query).content.decode()

    field = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "q"})
    assert field["value"] == query.strip()
    assert page_problems(html) == []
    report = client_as(editor).get("/admin/reports/site-search-terms/").content.decode()
    assert page_problems(report) == []

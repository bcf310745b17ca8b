"""The site layout through HTTP: one header, footer and language switcher on every kind of page."""

from html.parser import HTMLParser

import pytest
from django.template import loader

pytestmark = pytest.mark.django_db


class PageOutline(HTMLParser):
    """What these tests look at in a page: its language, header links, forms and scripts."""

    def __init__(self, html):
        super().__init__()
        self.lang = None
        self.links = []  # (attributes, text) of every link
        self.header_links = []  # the same, for the links of the site header only
        self.header_forms = []
        self.scripts = []
        self.style_attributes = []
        self._header_depth = 0
        self._link = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if "style" in attrs or tag == "style":
            self.style_attributes.append((tag, attrs))
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "header" and "site-header" in attrs.get("class", ""):
            self._header_depth = 1
        elif self._header_depth and tag == "header":
            self._header_depth += 1
        if tag == "a":
            self._link = (attrs, [], bool(self._header_depth))
        elif tag == "form" and self._header_depth:
            self.header_forms.append(attrs)

    def handle_endtag(self, tag):
        if tag == "header" and self._header_depth:
            self._header_depth -= 1
        if tag == "a" and self._link:
            attrs, text, in_header = self._link
            link = (attrs, " ".join("".join(text).split()))
            self.links.append(link)
            if in_header:
                self.header_links.append(link)
            self._link = None

    def handle_data(self, data):
        if self._link:
            self._link[1].append(data)

    def link(self, text):
        return next(attrs for attrs, link_text in self.links if link_text == text)

    def header_link(self, text):
        return next(attrs for attrs, link_text in self.header_links if link_text == text)

    def header_texts(self):
        return [text for _attrs, text in self.header_links]


def outline(response):
    return PageOutline(response.content.decode())


def test_home_page_in_english(client):
    response = client.get("/")
    page = outline(response)
    assert response.status_code == 200
    assert page.lang == "en"
    assert page.link("Skip to main content")["href"] == "#main"
    assert 'id="main"' in response.content.decode()
    assert page.header_link("Home")["href"] == "/"
    assert page.header_link("Home")["aria-current"] == "page"
    assert page.header_link("Forum")["href"] == "/forum/"
    assert page.header_link("Search")["href"] == "/search/"
    assert page.header_link("English")["aria-current"] == "true"
    assert page.header_link("Français")["href"] == "/fr/"
    assert "aria-current" not in page.header_link("Français")
    assert "Join the conversation" in response.content.decode()


def test_home_page_in_french(client):
    response = client.get("/fr/")
    page = outline(response)
    assert response.status_code == 200
    assert page.lang == "fr"
    assert "Aller au contenu principal" in response.content.decode()
    assert page.header_link("Accueil")["href"] == "/fr/"
    assert page.header_link("Forum")["href"] == "/fr/forum/"
    assert page.header_link("Se connecter")["href"] == "/fr/accounts/login/"
    assert page.header_link("Français")["aria-current"] == "true"
    assert page.header_link("English")["href"] == "/"
    assert "Participer à la discussion" in response.content.decode()


def test_language_links_point_to_the_same_page(client):
    page = outline(client.get("/forum/?page=1"))
    assert page.header_link("Français")["href"] == "/fr/forum/?page=1"
    assert page.header_link("Forum")["aria-current"] == "page"
    assert page.header_link("Français")["hreflang"] == "fr"


def test_language_links_of_a_topic_page_lead_to_the_french_topic(client):
    from tests.factories import create_topic

    topic = create_topic()
    url = f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"
    page = outline(client.get(url))
    assert page.header_link("Français")["href"] == f"/fr{url}"


def test_signed_out_visitors_are_offered_sign_in_and_sign_up(client):
    page = outline(client.get("/"))
    assert page.header_link("Sign in")["href"] == "/accounts/login/"
    assert page.header_link("Sign up")["href"] == "/accounts/signup/"
    assert page.header_forms == []


def test_signed_in_consumers_see_their_account_and_sign_out_by_post(client, consumer):
    client.force_login(consumer)
    page = outline(client.get("/"))
    assert consumer.email in page.header_texts()
    assert "Sign in" not in page.header_texts()
    assert "Admin" not in page.header_texts()
    assert page.header_forms == [
        {"class": "site-account__signout", "method": "post", "action": "/accounts/logout/"}
    ]


def test_editors_get_a_link_to_the_wagtail_admin(client, editor):
    client.force_login(editor)
    page = outline(client.get("/"))
    assert page.header_link("Admin")["href"] == "/admin/"


@pytest.mark.parametrize("url", ["/forum/", "/accounts/login/", "/accounts/signup/"])
def test_forum_and_account_pages_extend_the_site_layout(client, url):
    response = client.get(url)
    page = outline(response)
    assert response.status_code == 200
    assert page.lang == "en"
    assert page.link("Skip to main content")["href"] == "#main"
    assert page.header_link("Forum")["href"] == "/forum/"
    assert 'class="site-footer"' in response.content.decode()


def test_forum_pages_use_our_board_base_without_machina_navbar(client):
    response = client.get("/forum/")
    html = response.content.decode()
    assert "board_base.html" in [template.name for template in response.templates]
    assert "navbar" not in html
    assert "/static/forum/board.js" in html
    assert "/static/css/machina.board_theme.vendor.min.css" in html
    assert "<title>Index · Forum · Cocreate</title>" in html


def test_account_pages_render_in_french_under_fr(client):
    response = client.get("/fr/accounts/login/")
    page = outline(response)
    assert page.lang == "fr"
    assert page.header_link("S’inscrire")["href"] == "/fr/accounts/signup/"


def test_unknown_pages_render_our_404(client):
    response = client.get("/this-page-does-not-exist/")
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert "Page not found" in response.content.decode()
    assert outline(response).header_link("Forum")["href"] == "/forum/"


def test_500_renders_without_context_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Something went wrong" in html
    assert 'href="/static/css/site.css"' in html


@pytest.mark.parametrize("url", ["/", "/fr/", "/forum/", "/accounts/login/", "/accounts/signup/"])
def test_pages_have_no_inline_script_or_style(client, url):
    page = outline(client.get(url))
    # JSON-LD is data that browsers never run, as the CSP knows: only scripts that run count.
    inline = [script for script in page.scripts if not script.get("src")]
    assert [script for script in inline if script.get("type") != "application/ld+json"] == []
    assert page.style_attributes == []

"""How people are named: by their credit choice, never by e-mail address or username."""

import pytest
from django.template import Context, Template

from community.credits import credited_name, public_name
from tests.factories import create_profile, create_topic, create_user


@pytest.fixture
def person(db):
    # allauth derives usernames from e-mail addresses: neither may ever be shown.
    return create_user(username="camille.dupont", email="camille.dupont@example.com")


def assert_no_leak(name):
    assert "camille" not in name.lower()
    assert "@" not in name


def test_display_name_preference(person):
    create_profile(person, credit_preference="display_name", display_name="Camille D.")
    assert credited_name(person) == "Camille D."


def test_pseudonym_preference(person):
    create_profile(
        person, credit_preference="pseudonym", pseudonym="Fig & Moss", display_name="Real Name"
    )
    assert credited_name(person) == "Fig & Moss"


def test_anonymous_preference(person):
    create_profile(person, credit_preference="anonymous", pseudonym="Fig", display_name="Real")
    assert public_name(person) is None
    assert credited_name(person) == "Anonymous contributor"


def test_without_a_profile_nothing_derived_from_the_e_mail_is_shown(person):
    assert_no_leak(credited_name(person))
    assert credited_name(person) == "Anonymous contributor"


def test_pseudonym_preference_without_pseudonym_never_falls_back_to_the_display_name(person):
    from community.models import ContributorProfile

    ContributorProfile.objects.create(user=person, credit_preference="pseudonym", display_name="R")
    assert credited_name(person) == "Anonymous contributor"


def test_display_name_preference_without_display_name_uses_the_public_pseudonym(person):
    from community.models import ContributorProfile

    ContributorProfile.objects.create(
        user=person, credit_preference="display_name", pseudonym="Fig"
    )
    assert credited_name(person) == "Fig"


def test_template_filters_escape_and_link_by_preference(person):
    create_profile(person, pseudonym="<b>Fig</b>")
    html = Template("{% load credits %}{{ p|credited_name }}|{{ p|credited_link }}").render(
        Context({"p": person})
    )
    assert "<b>" not in html
    assert "&lt;b&gt;Fig&lt;/b&gt;|" in html
    assert f'<a href="/community/people/{person.pk}/">&lt;b&gt;Fig&lt;/b&gt;</a>' in html


def test_anonymous_credit_is_linked_nowhere(person):
    create_profile(person, credit_preference="anonymous")
    html = Template("{% load credits %}{{ p|credited_link }}").render(Context({"p": person}))
    assert html == "Anonymous contributor"


def test_forum_pages_name_posters_by_their_credit_choice(client, person):
    create_profile(person, pseudonym="Fig & Moss")
    topic = create_topic(poster=person, subject="Refill pouches")
    forum = topic.forum
    forum_page = client.get(f"/forum/forum/{forum.slug}-{forum.pk}/").content.decode()
    topic_page = client.get(
        f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
    ).content.decode()
    for html in (forum_page, topic_page):
        assert "Fig &amp; Moss" in html
        assert f'href="/community/people/{person.pk}/"' in html
        assert "camille" not in html.lower()
    # machina's own naming hook (search results, moderation queue) says the same.
    from machina.apps.forum_member.shortcuts import get_forum_member_display_name

    assert get_forum_member_display_name(person) == "Fig & Moss"


def test_anonymous_posters_are_not_linked_from_topic_pages(client, person):
    create_profile(person, credit_preference="anonymous")
    topic = create_topic(poster=person)
    forum = topic.forum
    html = client.get(
        f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
    ).content.decode()
    assert "Anonymous contributor" in html
    assert f"/community/people/{person.pk}/" not in html
    assert f"/forum/member/profile/{person.pk}/" not in html


def test_machina_member_profile_leads_to_the_contributor_profile(client, person):
    response = client.get(f"/forum/member/profile/{person.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/community/people/{person.pk}/"


def test_machina_member_pages_of_an_id_that_is_not_a_number_are_not_found(client, person):
    assert client.get(f"/forum/member/profile/{person.pk}/posts/").status_code == 200
    for path in ("/forum/member/profile/camille/", "/forum/member/profile/camille/posts/"):
        assert client.get(path).status_code == 404, path

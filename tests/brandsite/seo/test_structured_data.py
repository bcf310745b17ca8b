"""schema.org JSON-LD as crawlers read it: every block parses, with its type's properties."""

import datetime

import pytest

from community.models import ConsentState, Idea, StoryConsent
from tests.community.stories import idea_with_replies, promote
from tests.duplicates import make_private, topic_url
from tests.factories import (
    create_author,
    create_blog_index,
    create_blog_post,
    create_campaign,
    create_profile,
    create_reply,
    create_stories_index,
    create_topic,
    create_user,
)

from .conftest import json_ld, of_type

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def trail(blocks):
    items = of_type(blocks, "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert all(item["@type"] == "ListItem" for item in items)
    return [(item["name"], item["item"]) for item in items]


def test_home_page_describes_the_organisation_and_the_site_search(client, brand):
    blocks = json_ld(client.get("/"))

    organisation = of_type(blocks, "Organization")
    assert organisation["name"] == "Atelier Verde"
    assert organisation["url"] == f"{ORIGIN}/"
    assert organisation["logo"]["url"].startswith(f"{ORIGIN}/media/")
    assert organisation["sameAs"] == [
        "https://social.example/atelier",
        "https://video.example/@atelier",
    ]
    website = of_type(blocks, "WebSite")
    assert website["url"] == f"{ORIGIN}/"
    assert website["publisher"] == {"@id": organisation["@id"]}
    search = website["potentialAction"]
    assert search["@type"] == "SearchAction"
    assert search["target"]["urlTemplate"] == f"{ORIGIN}/search/?q={{search_term_string}}"
    assert search["query-input"] == "required name=search_term_string"
    # The home page is the first step of every trail, not a trail of its own.
    assert [block["@type"] for block in blocks] == ["Organization", "WebSite"]


def test_blog_post_is_a_blog_posting_by_its_authors(client, brand, make_image):
    blog = create_blog_index(title="Journal", slug="journal")
    post = create_blog_post(
        blog,
        title="Why we ask you",
        slug="why-we-ask",
        intro="We used to guess.",
        date=datetime.date(2026, 3, 14),
        authors=[create_author(name="Ada Perfumer"), create_author(name="Bo Tester")],
        tags=["scent"],
        cover_image=make_image("Cover"),
        cover_image_alt="Three bottles",
    )

    blocks = json_ld(client.get(post.url))

    posting = of_type(blocks, "BlogPosting")
    url = f"{ORIGIN}/journal/why-we-ask/"
    assert posting["headline"] == "Why we ask you"
    assert posting["description"] == "We used to guess."
    assert posting["datePublished"] == "2026-03-14"
    assert posting["dateModified"]
    assert posting["author"] == [
        {"@type": "Person", "name": "Ada Perfumer"},
        {"@type": "Person", "name": "Bo Tester"},
    ]
    assert posting["image"][0].startswith(f"{ORIGIN}/media/")
    assert posting["publisher"]["@type"] == "Organization"
    assert posting["publisher"]["name"] == "Atelier Verde"
    assert posting["publisher"]["logo"]["url"].startswith(ORIGIN)
    assert posting["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert posting["inLanguage"] == "en"
    assert posting["keywords"] == "scent"
    assert trail(blocks) == [
        ("Home", f"{ORIGIN}/"),
        ("Journal", f"{ORIGIN}/journal/"),
        ("Why we ask you", url),
    ]


def test_campaign_is_a_web_page_in_its_trail(client, brand):
    campaign = create_campaign(title="Choose our scent", slug="scent", intro="Three scents.")

    blocks = json_ld(client.get(campaign.url))

    page = of_type(blocks, "WebPage")
    assert page["url"] == f"{ORIGIN}{campaign.url}"
    assert page["name"] == "Choose our scent"
    assert page["description"] == "Three scents."
    assert page["isPartOf"] == {"@id": f"{ORIGIN}/#website"}
    steps = trail(blocks)
    assert [name for name, _url in steps[1:]] == ["Campaigns", "Choose our scent"]
    assert steps[-1][1] == f"{ORIGIN}{campaign.url}"


@pytest.fixture
def story(editor):
    create_stories_index(title="Stories", slug="stories")
    topic, (named, declined) = idea_with_replies(replies=2, subject="A fig soap")
    story = promote(topic, editor, replies=[named, declined])
    story.save_revision(user=editor).publish(user=editor)
    StoryConsent.objects.update_or_create(
        story=story, user=declined.poster, defaults={"state": ConsentState.DECLINED}
    )
    story.refresh_from_db()
    return story, topic, named, declined


def test_story_is_an_article_based_on_its_thread_crediting_contributors_as_they_chose(
    client, brand, story
):
    story, topic, named, declined = story

    response = client.get(story.url)
    blocks = json_ld(response)

    article = of_type(blocks, "Article")
    assert article["headline"] == "A fig soap"
    assert article["isBasedOn"] == {
        "@type": "DiscussionForumPosting",
        "url": f"{ORIGIN}{topic_url(topic)}",
    }
    assert article["author"] == [
        {"@type": "Person", "name": topic.poster.contributor_profile.pseudonym}
    ]
    # The contributor who declined is credited without a name, as the page shows them.
    assert article["contributor"] == [
        {"@type": "Person", "name": named.poster.contributor_profile.pseudonym},
        {"@type": "Person"},
    ]
    assert article["datePublished"] and article["dateModified"]
    assert article["publisher"]["name"] == "Atelier Verde"
    assert article["image"][0].startswith(f"{ORIGIN}/media/")
    assert [name for name, _url in trail(blocks)[1:]] == ["Stories", "A fig soap"]
    html = response.content.decode()
    for person in (topic.poster, named.poster, declined.poster):
        assert person.email not in html


@pytest.fixture
def idea():
    """An approved idea with 3 votes, by a pseudonymous author, with replies of every kind."""
    author = create_user()
    create_profile(author, pseudonym="Fig & Moss")
    topic = create_topic(poster=author, subject="A fig soap", content="Fig *and* cedar.")
    Idea.objects.update_or_create(topic=topic, defaults={"votes_count": 3})
    anonymous = create_user()
    create_profile(anonymous, credit_preference="anonymous")
    create_reply(topic, poster=anonymous, content="Yes, **please**.")
    create_reply(topic, content="Held for review.", approved=False)
    topic.refresh_from_db()
    return topic


def test_approved_public_thread_is_a_discussion_forum_posting_with_its_replies(client, idea):
    blocks = json_ld(client.get(topic_url(idea)))

    posting = of_type(blocks, "DiscussionForumPosting")
    url = f"{ORIGIN}{topic_url(idea)}"
    assert posting["url"] == url
    assert posting["headline"] == "A fig soap"
    assert posting["text"] == "Fig and cedar."
    assert posting["author"] == {
        "@type": "Person",
        "name": "Fig & Moss",
        "url": f"{ORIGIN}/community/people/{idea.poster.pk}/",
    }
    assert posting["datePublished"].startswith(str(idea.created.date()))
    assert posting["dateModified"]
    counters = {
        counter["interactionType"]: counter["userInteractionCount"]
        for counter in posting["interactionStatistic"]
    }
    assert counters == {"https://schema.org/CommentAction": 1, "https://schema.org/LikeAction": 3}
    # The held reply is neither counted nor shown; the anonymous replier has no name nor link.
    (reply,) = posting["comment"]
    assert reply["@type"] == "Comment"
    assert reply["text"] == "Yes, please."
    assert reply["author"] == {"@type": "Person"}
    assert reply["datePublished"]
    forum = idea.forum
    assert trail(blocks)[1:] == [
        ("Forum", f"{ORIGIN}/forum/"),
        (forum.parent.name, f"{ORIGIN}/forum/forum/{forum.parent.slug}-{forum.parent.pk}/"),
        (forum.name, f"{ORIGIN}/forum/forum/{forum.slug}-{forum.pk}/"),
        ("A fig soap", url),
    ]


def test_a_thread_anonymous_visitors_cannot_read_is_not_a_posting(client_as, moderator, idea):
    make_private(idea.forum)

    blocks = json_ld(client_as(moderator).get(topic_url(idea)))

    assert [block["@type"] for block in blocks] == ["BreadcrumbList"]


def test_a_thread_waiting_for_approval_is_not_a_posting(client_as, moderator):
    topic = create_topic(approved=False)

    blocks = json_ld(client_as(moderator).get(topic_url(topic)))

    assert [block["@type"] for block in blocks] == ["BreadcrumbList"]


def test_a_later_page_of_a_thread_lists_its_own_replies(client, idea):
    for number in range(15):
        create_reply(idea, content=f"Reply {number}")

    blocks = json_ld(client.get(topic_url(idea) + "?page=2"))

    posting = of_type(blocks, "DiscussionForumPosting")
    assert posting["text"] == "Fig and cedar."
    assert [reply["text"] for reply in posting["comment"]] == ["Reply 13", "Reply 14"]
    assert posting["interactionStatistic"][0]["userInteractionCount"] == 16


def test_forum_pages_have_their_trail(client, idea):
    forum = idea.forum

    forum_blocks = json_ld(client.get(f"/forum/forum/{forum.slug}-{forum.pk}/"))
    index_blocks = json_ld(client.get("/forum/"))

    assert [name for name, _url in trail(forum_blocks)[1:]] == [
        "Forum",
        forum.parent.name,
        forum.name,
    ]
    assert [name for name, _url in trail(index_blocks)[1:]] == ["Forum"]


SCRIPT = "</script><script>alert(1)</script>"


def test_user_text_never_leaves_the_json_ld_script(client):
    topic = create_topic(subject=f"Soap {SCRIPT}", content=f"Nice {SCRIPT} & <b>bold</b>")
    create_reply(topic, content=f"Reply {SCRIPT}")

    response = client.get(topic_url(topic))
    html = response.content.decode()

    assert "<script>alert(1)</script>" not in html
    posting = of_type(json_ld(response), "DiscussionForumPosting")
    assert posting["headline"] == f"Soap {SCRIPT}"
    assert "alert(1)" in posting["text"]
    assert posting["comment"][0]["text"].startswith("Reply")

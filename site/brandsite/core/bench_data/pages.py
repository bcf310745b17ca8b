"""Bench pages, through Wagtail's tree and publication: campaigns, a blog post and a story."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site

from brandsite.blog.models import Author, BlogIndexPage, BlogPage, BlogPageAuthor
from brandsite.core.demo.images import cover_picture, demo_image
from brandsite.core.demo.pages import publish_child, stable_id, stream
from community.actions.stories import do_promote_idea
from community.models import (
    CampaignIndexPage,
    CampaignPage,
    CommunityStoriesIndexPage,
    Idea,
    ModerationSettings,
)

from . import PREFIX

PARAGRAPH = (
    "<p>We make small batches of natural soaps and ask the people who use them what comes "
    "next. This page is bench data: its size and shape match a real page of the site.</p>"
)


def home_page():
    return Site.objects.get(is_default_site=True).root_page


def create_campaigns(count):
    """`count` open campaigns with a variant vote, an idea call and a tester call.

    Publishing each one gives it its forum (forum.receivers), as on a real site.
    """
    index = publish_child(
        home_page(), CampaignIndexPage, f"{PREFIX}campaigns", title="Bench campaigns"
    )
    now = timezone.now()
    return [_campaign(index, number, now) for number in range(1, count + 1)]


def _campaign(index, number, now):
    question = f"{PREFIX}campaign-{number}: which scent?"
    variants = [
        {
            "type": "item",
            "id": stable_id(question, label),
            "value": {"label": label, "image": None, "colour": "", "description": ""},
        }
        for label in ("Fig leaf", "Vetiver", "Orange blossom")
    ]
    vote = {
        "asset_kind": "scent",
        "question": question,
        "variants": variants,
        "show_results": "after_vote",
    }
    idea_call = {"heading": "Your idea?", "text": "Post it in our forum.", "topics_shown": 5}
    testers = {"heading": "Test our soap", "description": "Ten testers, one month.", "places": 10}
    body = stream(
        ("paragraph", stable_id(question, "intro"), PARAGRAPH),
        ("variant_vote", stable_id(question), vote),
        ("idea_call", stable_id(question, "ideas"), idea_call),
        ("tester_call", stable_id(question, "testers"), testers),
    )
    return publish_child(
        index,
        CampaignPage,
        f"{PREFIX}campaign-{number}",
        title=f"{PREFIX}campaign-{number}",
        intro="Three scents, one soap: tell us which one you would buy.",
        what_is_asked="Vote for the scent you prefer.",
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=60),
        body=body,
    )


def create_blog_post():
    """A blog index with one illustrated post signed by one author; returns the post."""
    index = publish_child(home_page(), BlogIndexPage, f"{PREFIX}blog", title="Bench blog")
    author, _created = Author.objects.get_or_create(name=f"{PREFIX}author")
    cover = demo_image(
        f"{PREFIX}cover",
        "Pale drops on a green field.",
        lambda: cover_picture((222, 236, 214), (170, 204, 160)),
    )
    body = stream(
        ("heading", stable_id("bench-blog", "h"), {"text": "Why we ask", "level": "h2"}),
        *(("paragraph", stable_id("bench-blog", str(n)), PARAGRAPH) for n in range(6)),
    )
    return publish_child(
        index,
        BlogPage,
        f"{PREFIX}post",
        title=f"{PREFIX}post",
        intro="What we learnt from asking before making.",
        cover_image=cover,
        cover_image_alt="Pale drops on a green field.",
        body=body,
        tags=["bench", "community"],
        blog_authors=[BlogPageAuthor(author=author)],
    )


def create_story(topic, moderator):
    """A stories index and a published story promoted from `topic`, quoting two replies."""
    index = publish_child(
        home_page(), CommunityStoriesIndexPage, f"{PREFIX}stories", title="Bench stories"
    )
    settings = ModerationSettings.load()
    settings.stories_index = index
    settings.save()
    replies = list(topic.posts.exclude(pk=topic.first_post_id).order_by("pk")[:2])
    idea, _created = Idea.objects.get_or_create(topic=topic)
    story = do_promote_idea(idea, moderator, [reply.pk for reply in replies], summary=PARAGRAPH)
    # A real story waits for its contributors' consent; the bench publishes it at once.
    story.get_latest_revision().publish()
    story.refresh_from_db()
    return story

"""The campaign page costs the same number of queries whatever its variants, votes and ideas."""

import uuid

import pytest
from django.core.cache import cache
from machina.apps.forum_conversation.models import Post
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from community.actions import do_cast_variant_vote, do_vote_for_idea
from tests import factories

pytestmark = pytest.mark.django_db

SMALL = {"variants": 2, "votes": 3, "topics": 1}
LARGE = {"variants": 8, "votes": 60, "topics": 20}
LABELS = ("Fig", "Vetiver", "Orange", "Rose", "Cedar", "Iris", "Amber", "Musk")
COLOURS = ("#b5c99a", "#718355", "#f4a261", "#e5989b", "#8d6e63", "#9d8ec7", "#d4a373", "#adb5bd")

# An anonymous GET with an empty cache (as after a deploy; a warm cache saves the Site and
# rendition lookups):
# - Wagtail: the Site, the home, index and campaign pages with their specific rows (5), the
#   ancestors and their view restrictions (2), the site root paths;
# - the page: vote totals, the variant images (one query for the whole block), their renditions
#   (one prefetch in CampaignPage.get_context, not one per image), the campaign's forum, the
#   latest and the most voted topics of the idea call;
# - the layout: the site's four settings, the main menu and its view restrictions (kept until
#   the next content change, brandsite.core.site_furniture).
ANONYMOUS_MAX = 21
# A signed-in consumer adds their user row, their permissions (2), their own votes, their
# tester applications, one more Site lookup for the signed-in layout, and the header's count of
# unread notifications.
CONSUMER_MAX = ANONYMOUS_MAX + 7


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def idea_call_block(topics_shown):
    return {
        "type": "idea_call",
        "id": str(uuid.uuid4()),
        "value": {"heading": "Your idea?", "text": "Tell us.", "topics_shown": topics_shown},
    }


def illustrated_variant_vote(variants):
    block = factories.variant_vote_block(labels=LABELS[:variants])
    for number, variant in enumerate(block["value"]["variants"]):
        image = Image.objects.create(
            title=variant["value"]["label"],
            file=get_test_image_file(f"variant-{number}.png", colour=COLOURS[number]),
        )
        variant["value"]["image"] = image.pk
    return block


def build_campaign(variants, votes, topics, voter):
    """A campaign with `variants` illustrated variants, `votes` votes (one by `voter`), `topics`
    ideas in its forum (every other one with a reply and `voter`'s idea vote) and a tester call."""
    campaign = factories.create_campaign(
        body=[
            illustrated_variant_vote(variants),
            idea_call_block(topics_shown=20),
            factories.tester_call_block(),
        ]
    )
    question_id, question = next(iter(campaign.variant_questions.items()))
    variant_ids = [variant.id for variant in question["variants"].bound_blocks]
    voters = [voter] + [factories.create_user() for _ in range(votes - 1)]
    for number, user in enumerate(voters):
        variant_id = variant_ids[number % variants]
        do_cast_variant_vote(campaign, question_id, variant_id, acting_user=user)
    for number in range(topics):
        topic = factories.create_topic(forum=campaign.forum, subject=f"Idea {number}")
        if number % 2:
            Post.objects.create(topic=topic, poster=voter, subject="Re", content="Yes!")
            do_vote_for_idea(topic, acting_user=voter)
    return campaign


def get_with_an_empty_cache(client, url, max_queries, django_assert_max_num_queries):
    # The first view creates the renditions; the one measured finds them in the database.
    assert client.get(url).status_code == 200
    cache.clear()
    with django_assert_max_num_queries(max_queries):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_anonymous_view_queries_do_not_grow(client, django_assert_max_num_queries, size):
    campaign = build_campaign(**size, voter=factories.create_user())

    html = get_with_an_empty_cache(
        client, campaign.url, ANONYMOUS_MAX, django_assert_max_num_queries
    )

    assert html.count('class="variant-image"') == size["variants"]
    assert html.count("/topic/idea-") == size["topics"] + size["topics"] // 2
    assert "Sign in to vote" in html


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_voter_view_queries_do_not_grow(client_as, consumer, django_assert_max_num_queries, size):
    campaign = build_campaign(**size, voter=consumer)

    html = get_with_an_empty_cache(
        client_as(consumer), campaign.url, CONSUMER_MAX, django_assert_max_num_queries
    )

    assert html.count('class="variant-image"') == size["variants"]
    assert "Change my vote" in html
    assert f"{size['votes']} votes" in html

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.images.models import Image
from wagtail.models import Page, Site

from brandsite.blog.models import BlogPage
from brandsite.core.models import BrandSettings
from community.models import (
    CampaignPage,
    CampaignStatus,
    ModerationCase,
    RejectionReason,
    VariantVote,
    WatchedWord,
)
from community.roles import MODERATORS


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def counts():
    return {
        # Community and Campaigns categories, the Welcome forum, one forum per campaign.
        "forums": Forum.objects.count(),
        # The welcome topic, the first idea of the scent campaign, the demo consumer's idea and
        # their idea waiting in the moderation queue, one post each; and their reply waiting.
        "topics": Topic.objects.count(),
        "posts": Post.objects.count(),
        # The team account and the four demo accounts.
        "users": get_user_model().objects.count(),
        # Root, home, campaign index and three campaigns, blog index and two posts, stories index.
        "pages": Page.objects.count(),
        # Three scents, three logos, two blog covers.
        "images": Image.objects.count(),
        # The demo accounts' votes on the decided logo campaign.
        "votes": VariantVote.objects.count(),
        # The demo consumer's held idea and reply, the brand's canned reasons and watched words.
        "pending cases": ModerationCase.objects.pending().count(),
        "rejection reasons": RejectionReason.objects.count(),
        "watched words": WatchedWord.objects.count(),
    }


@pytest.mark.django_db
def test_load_demo_builds_the_site_once(client, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first == {
        "forums": 6,
        "topics": 4,
        "posts": 5,
        "users": 5,
        "pages": 10,
        "images": 10,
        "votes": 4,
        "pending cases": 2,
        "rejection reasons": 3,
        "watched words": 2,
    }

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.live
    assert BrandSettings.for_site(site).brand_name == "Atelier Verde"
    home = client.get("/")
    assert "Help us make what you want next" in home.content.decode()
    forum = client.get("/forum/")
    assert "Welcome" in forum.content.decode()


@pytest.mark.django_db
def test_demo_campaigns_are_published_with_their_forums(client, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)

    campaigns = {page.slug: page for page in CampaignPage.objects.live()}
    assert {slug: page.status for slug, page in campaigns.items()} == {
        "new-scent": CampaignStatus.OPEN,
        "name-our-soap": CampaignStatus.OPEN,
        "new-logo": CampaignStatus.DECIDED,
    }
    for page in campaigns.values():
        assert page.forum.name == page.title
        assert page.forum.parent.name == "Campaigns"

    scent = client.get(campaigns["new-scent"].url).content.decode()
    assert "Help us choose our new scent" in scent
    assert scent.count('class="variant-image"') == 3
    assert "Test our new soap bar" in scent
    assert "Which scent do you miss in our range?" in scent
    logo = client.get(campaigns["new-logo"].url).content.decode()
    assert "What we decided" in logo
    assert "4 votes" in logo
    index = client.get("/campaigns/").content.decode()
    assert "Name our new soap" in index


@pytest.mark.django_db
def test_demo_blog_posts_link_to_the_scent_campaign(client, settings):
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    posts = BlogPage.objects.live().order_by("date")
    assert [post.title for post in posts] == [
        "Why we ask you before we make anything",
        "Three scents, one soap: our new consultation",
    ]
    page = client.get(posts.last().url).content.decode()
    assert 'href="/campaigns/new-scent/"' in page
    assert "The Atelier Verde team" in page


@pytest.mark.django_db
def test_demo_stories_index_is_where_promoted_ideas_go(client, settings):
    from community.models import CommunityStoriesIndexPage, ModerationSettings
    from community.stories import STORY_WORKFLOW_NAME

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    index = CommunityStoriesIndexPage.objects.live().get()
    assert ModerationSettings.load().stories_index == index
    assert index.get_workflow().name == STORY_WORKFLOW_NAME
    assert "Community stories" in client.get(index.url).content.decode()


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
    assert Topic.objects.count() == 2
    assert not VariantVote.objects.exists()
    assert not ModerationCase.objects.exists()


@pytest.mark.django_db
def test_the_demo_scent_campaign_has_four_weeks_of_page_views_once(settings):
    from community.models import PageViewDay

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    scent = CampaignPage.objects.get(slug="new-scent")
    assert PageViewDay.objects.filter(page=scent).count() == 28

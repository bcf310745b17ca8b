"""Editors create and publish campaigns in the Wagtail admin; each gets its forum and keeps it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from machina.apps.forum.models import Forum
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from brandsite.home.models import HomePage
from community.models import CampaignIndexPage, CampaignPage
from forum.campaigns import CAMPAIGNS_CATEGORY_NAME
from tests.factories import create_campaign_index, create_user

pytestmark = pytest.mark.django_db


def variant(label):
    return {"label": label, "image": "", "colour": "", "description": ""}


def list_block(values):
    """ListBlock form data: like streamfield() but its children carry no block type."""
    data = {str(i): {"value": v, "deleted": "", "order": str(i)} for i, v in enumerate(values)}
    return {**data, "count": str(len(values))}


def campaign_form_data(title="Help us choose our new scent", slug="new-scent", **fields):
    """The add/edit form's POST, as the admin's JavaScript would submit it."""
    now = timezone.now()
    variants = [variant("Fig leaf"), variant("Vetiver"), variant("Orange blossom")]
    data = {
        "title": title,
        "slug": slug,
        "intro": "Three scents, one soap: which one should we make?",
        "what_is_asked": "Vote for the scent you would buy.",
        "who_may_take_part": "",
        "participant_benefits": "",
        "opens_at": (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now + timedelta(days=30)).strftime("%Y-%m-%d %H:%M"),
        "decision_date": "",
        "status_override": "",
        "outcome": rich_text(""),
        "body": streamfield(
            [
                (
                    "variant_vote",
                    {
                        "asset_kind": "scent",
                        "question": "Which scent should we launch?",
                        "show_results": "after_vote",
                        "variants": list_block(variants),
                    },
                )
            ]
        ),
        "action-publish": "action-publish",
        **fields,
    }
    return nested_form_data(data)


def add_url(parent):
    return f"/admin/pages/add/community/campaignpage/{parent.pk}/"


def create_through_admin(client, parent, **fields):
    response = client.get(add_url(parent))
    assert response.status_code == 200
    response = client.post(add_url(parent), campaign_form_data(**fields))
    assert response.status_code == 302, response.context["form"].errors
    return CampaignPage.objects.get(slug=fields.get("slug", "new-scent"))


def test_editor_publishes_a_campaign_and_its_forum_appears(client_as, editor, client):
    index = create_campaign_index()
    create_through_admin(client_as(editor), index)

    campaign = CampaignPage.objects.get(slug="new-scent")
    assert campaign.live
    assert campaign.is_open
    assert campaign.get_parent().pk == index.pk
    question = next(iter(campaign.variant_questions.values()))
    assert [v.value["label"] for v in question["variants"].bound_blocks] == [
        "Fig leaf",
        "Vetiver",
        "Orange blossom",
    ]
    forum = campaign.forum
    assert forum.type == Forum.FORUM_POST
    assert forum.parent.name == str(CAMPAIGNS_CATEGORY_NAME)
    assert forum.parent.type == Forum.FORUM_CAT
    assert forum.name == "Help us choose our new scent"
    assert forum.description.raw == "Three scents, one soap: which one should we make?"

    client.logout()
    forum_url = f"/forum/forum/{forum.slug}-{forum.pk}/"
    page = client.get(campaign.url).content.decode()
    assert f'href="{forum_url}"' in page
    banner = client.get(forum_url).content.decode()
    assert "campaign-forum-banner" in banner
    assert f'<a href="{campaign.url}">Help us choose our new scent</a>' in banner


def test_editing_and_republishing_renames_the_same_forum(client_as, editor):
    index = create_campaign_index()
    client = client_as(editor)
    campaign = create_through_admin(client, index)
    forum_pk = campaign.forum_id

    edit_url = f"/admin/pages/{campaign.pk}/edit/"
    assert client.get(edit_url).status_code == 200
    data = campaign_form_data(title="Choose our autumn scent")
    response = client.post(edit_url, data)
    assert response.status_code == 302

    campaign.refresh_from_db()
    assert campaign.title == "Choose our autumn scent"
    assert campaign.forum_id == forum_pk
    assert Forum.objects.filter(type=Forum.FORUM_POST).count() == 1
    forum = Forum.objects.get(pk=forum_pk)
    assert forum.name == "Choose our autumn scent"
    assert forum.slug == "choose-our-autumn-scent"
    # The latest revision's content does not carry the link, the page keeps it anyway.
    latest = campaign.get_latest_revision_as_object()
    assert latest.forum_id == forum_pk


def test_publishing_an_old_revision_keeps_the_forum(client_as, editor):
    client = client_as(editor)
    campaign = create_through_admin(client, create_campaign_index())
    first_revision = campaign.latest_revision
    client.post(
        f"/admin/pages/{campaign.pk}/edit/",
        campaign_form_data(title="Choose our autumn scent"),
    )
    forum_pk = CampaignPage.objects.get(pk=campaign.pk).forum_id

    # Revision content saved before the forum existed: reverting must not unlink it.
    assert first_revision.content.get("forum") is None
    first_revision.publish()
    campaign.refresh_from_db()
    assert campaign.title == "Help us choose our new scent"
    assert campaign.forum_id == forum_pk
    assert Forum.objects.get(pk=forum_pk).name == "Help us choose our new scent"
    assert Forum.objects.filter(type=Forum.FORUM_POST).count() == 1


def test_a_draft_has_no_forum_until_published(client_as, editor):
    client = client_as(editor)
    index = create_campaign_index()
    data = campaign_form_data()
    del data["action-publish"]
    assert client.post(add_url(index), data).status_code == 302
    campaign = CampaignPage.objects.get(slug="new-scent")
    assert not campaign.live
    assert campaign.forum_id is None
    assert not Forum.objects.filter(type=Forum.FORUM_POST).exists()


def test_campaigns_live_only_under_a_campaign_index():
    assert CampaignPage.allowed_parent_page_models() == [CampaignIndexPage]
    assert CampaignPage.allowed_subpage_models() == []
    assert CampaignIndexPage.allowed_subpage_models() == [CampaignPage]
    home = HomePage.objects.get()
    assert not CampaignPage.can_create_at(home)
    assert CampaignPage.can_create_at(create_campaign_index())


def assert_refused_by_the_admin(response):
    """Wagtail turns PermissionDenied into a redirect to the dashboard with an error message."""
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_admin_refuses_a_campaign_outside_an_index(client_as, editor):
    home = HomePage.objects.get()
    client = client_as(editor)
    assert_refused_by_the_admin(client.get(add_url(home)))
    assert_refused_by_the_admin(client.post(add_url(home), campaign_form_data()))
    assert not CampaignPage.objects.exists()


@pytest.mark.parametrize(
    ("role", "refusal"),
    [
        # Moderators reach the admin (for their queue) but hold no page permission.
        ("moderator", "/admin/"),
        # Consumers have no admin access at all: Wagtail sends them to its sign-in.
        ("consumer", "/admin/login/"),
    ],
)
def test_only_editors_create_campaigns(client_as, role, refusal):
    index = create_campaign_index()
    client = client_as(create_user(role))
    for response in (client.get(add_url(index)), client.post(add_url(index), campaign_form_data())):
        assert response.status_code == 302
        assert response["Location"].split("?")[0] == refusal
    assert not Page.objects.filter(slug="new-scent").exists()

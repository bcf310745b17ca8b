"""Roles are created by migrate and give each group what it needs, no more."""

import pytest
from django.contrib.auth.models import Group
from machina.apps.forum_permission.handler import PermissionHandler

from brandsite.home.models import HomePage
from community.roles import CONSUMERS, EDITORS, MODERATORS, sync_roles
from forum.receivers import sync_forum_permissions
from tests.factories import create_forum, create_topic, create_user


@pytest.mark.django_db
def test_migrate_creates_the_three_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, MODERATORS, CONSUMERS}


@pytest.mark.django_db
def test_syncing_twice_changes_nothing():
    def snapshot():
        return {
            group.name: sorted(group.permissions.values_list("codename", flat=True))
            for group in Group.objects.all()
        }

    before = snapshot()
    sync_roles()
    sync_forum_permissions()
    assert snapshot() == before


@pytest.mark.django_db
def test_editors_edit_pages_and_moderators_do_not(client, editor, moderator):
    home_edit = f"/admin/pages/{HomePage.objects.get().pk}/edit/"
    client.force_login(editor)
    assert client.get(home_edit).status_code == 200
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 200
    denied = client.get(home_edit)
    assert denied.status_code == 302  # Wagtail sends a signed-in user home with "permission denied"
    assert "login" not in denied["Location"]


@pytest.mark.django_db
def test_consumers_cannot_reach_the_admin(client_as, consumer):
    response = client_as(consumer).get("/admin/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_forum_permissions_by_role(anonymous, consumer, moderator):
    forum = create_forum()
    topic = create_topic(forum=forum)
    handler = PermissionHandler()
    assert handler.can_read_forum(forum, anonymous)
    assert not handler.can_add_topic(forum, anonymous)
    assert handler.can_add_topic(forum, consumer)
    assert handler.can_add_post(topic, consumer)
    assert not handler.can_approve_posts(forum, consumer)
    assert PermissionHandler().can_approve_posts(forum, moderator)
    assert PermissionHandler().can_lock_topics(forum, moderator)


@pytest.mark.django_db
def test_sign_up_joins_consumers(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "newcomer@example.com",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "credit_preference": "pseudonym",
            "pseudonym": "Newcomer",
            "accept_terms": "on",
            "accept_licence": "on",
        },
    )
    assert response.status_code == 302
    newcomer = Group.objects.get(name=CONSUMERS).user_set.get(email="newcomer@example.com")
    assert not newcomer.is_staff


def test_role_fixture_users_are_in_their_groups(db):
    assert create_user("moderator").groups.filter(name=MODERATORS).exists()


@pytest.mark.django_db
def test_sync_roles_on_a_flushed_database_still_creates_the_groups():
    from wagtail.models import Collection, Page

    Page.objects.all().delete()
    Collection.objects.all().delete()
    Group.objects.all().delete()
    sync_roles()
    editors = Group.objects.get(name=EDITORS)
    assert editors.permissions.filter(codename="access_admin").exists()
    assert Group.objects.filter(name=CONSUMERS).exists()


@pytest.mark.django_db
def test_every_signed_in_user_reads_the_forum(client_as, editor):
    topic = create_topic(subject="An idea editors follow")
    forum = topic.forum
    response = client_as(editor).get(
        f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"
    )
    assert response.status_code == 200
    assert "An idea editors follow" in response.content.decode()


@pytest.mark.django_db
def test_moderators_draft_stories_only_under_stories_indexes_and_keep_it_after_sync(moderator):
    from wagtail.models import GroupPagePermission, Workflow

    from community.stories import set_up_stories_indexes
    from tests.factories import create_stories_index

    index = create_stories_index()
    home = HomePage.objects.get()

    def grants():
        return sorted(
            GroupPagePermission.objects.filter(group__name=MODERATORS).values_list(
                "page_id", "permission__codename"
            )
        )

    before = grants()
    sync_roles()
    set_up_stories_indexes()
    sync_roles()
    assert grants() == before == [(index.pk, "add_page"), (index.pk, "change_page")]
    assert Workflow.objects.filter(name="Story publication").count() == 1
    assert index.permissions_for_user(moderator).can_edit()
    assert not home.permissions_for_user(moderator).can_edit()
    assert not index.permissions_for_user(moderator).can_publish()


@pytest.mark.django_db
def test_image_and_document_rights_are_the_roles_own_not_wagtails_first_groups():
    """Wagtail's first migrations give groups named "Moderators" and "Editors" such rights."""
    from wagtail.models import GroupCollectionPermission

    def rights(group):
        grants = GroupCollectionPermission.objects.filter(group__name=group)
        return set(grants.values_list("permission__codename", flat=True))

    assert rights(MODERATORS) == set()
    assert rights(EDITORS) == {
        f"{action}_{model}"
        for action in ("add", "change", "choose")
        for model in ("image", "document")
    }

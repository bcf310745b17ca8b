"""The three roles of a Cocreate site and what each may do in Wagtail, kept as data."""

from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS = "Editors"
MODERATORS = "Moderators"
CONSUMERS = "Consumers"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
#: Page permissions on the root page, by group. Moderators work in the admin but edit no pages.
PAGE_PERMISSIONS = {
    EDITORS: ("add", "change", "publish", "lock", "unlock"),
    MODERATORS: (),
}
#: Page permissions on every stories index, by group: moderators who promote an idea edit its
#: draft and submit it to the story workflow; editors already publish from the root page.
STORIES_INDEX_PERMISSIONS = {
    MODERATORS: ("add", "change"),
}
#: Image and document permissions on the root collection, by group.
COLLECTION_PERMISSIONS = {
    EDITORS: (
        ("wagtailimages", "image", ("add", "change", "choose")),
        ("wagtaildocs", "document", ("add", "change", "choose")),
    ),
}
#: Deciding on held and reported posts in the Wagtail queue, and keeping the canned rejection
#: reasons and watched words that the decisions use.
MODERATION_QUEUE = (
    ("community", "view_moderationcase"),
    ("community", "change_moderationcase"),
    *(
        ("community", f"{action}_{model}")
        for model in ("rejectionreason", "watchedword")
        for action in ("add", "change", "delete", "view")
    ),
)
BANS = tuple(("community", f"{action}_ban") for action in ("add", "change", "view"))
#: Model permissions, by group. A permission listed for any group is taken from every group that
#: does not list it, so a role never keeps one by accident; other permissions are left alone.
MODEL_PERMISSIONS = {
    # Editors read the applications and results of campaigns, and select or decline testers.
    # Editors and moderators set the status of ideas and merge duplicate ideas.
    EDITORS: (
        ("community", "view_testerapplication"),
        ("community", "change_testerapplication"),
        ("community", "add_ideastatuschange"),
        ("community", "merge_idea"),
        ("community", "promote_idea"),
        ("community", "override_storyconsent"),
        # Campaign insights: figures and exports of every campaign (not moderators').
        ("community", "view_insights"),
        *MODERATION_QUEUE,
    ),
    MODERATORS: (
        ("community", "add_ideastatuschange"),
        ("community", "merge_idea"),
        ("community", "promote_idea"),
        *MODERATION_QUEUE,
        *BANS,
    ),
    CONSUMERS: (),
}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def sync_roles():
    """Create the role groups and give them exactly the admin permissions listed above."""
    for name in (EDITORS, MODERATORS, CONSUMERS):
        Group.objects.get_or_create(name=name)
    admin_access = _permission(*ADMIN_ACCESS)
    for name in PAGE_PERMISSIONS:
        Group.objects.get(name=name).permissions.add(admin_access)
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    # A flushed database (transactional tests) has no tree to grant permissions on.
    if root_page is not None:
        _sync_page_permissions(root_page)
    if root_collection is not None:
        _sync_collection_permissions(root_collection)
    _sync_model_permissions()


def _page_permission(action):
    return _permission("wagtailcore", get_permission_codename(action, Page._meta))


def _sync_page_permissions(root_page):
    from .models import CommunityStoriesIndexPage

    story_indexes = list(Page.objects.type(CommunityStoriesIndexPage))
    for name, actions in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        wanted = [(root_page, _page_permission(action)) for action in actions]
        wanted += [
            (index, _page_permission(action))
            for index in story_indexes
            for action in STORIES_INDEX_PERMISSIONS.get(name, ())
        ]
        kept = [
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )[0].pk
            for page, permission in wanted
        ]
        # A permission the role holds from the root may stay wherever else it was granted;
        # any other page permission of the role goes, unless it is one of the grants above.
        root_grants = [permission for page, permission in wanted if page == root_page]
        GroupPagePermission.objects.filter(group=group).exclude(permission__in=root_grants).exclude(
            pk__in=kept
        ).delete()


def grant_stories_index_permissions(index):
    """Give the roles their rights on a new stories index (sync_roles does it for existing ones)."""
    for name, actions in STORIES_INDEX_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=_page_permission(action)
            )


def _sync_collection_permissions(root_collection):
    # Every role, not only those with grants: Wagtail's first migrations give groups named
    # "Moderators" and "Editors" image and document rights that the roles do not list.
    for name in (EDITORS, MODERATORS, CONSUMERS):
        group = Group.objects.get(name=name)
        root_grants = [
            _permission(app_label, f"{action}_{model_name}")
            for app_label, model_name, actions in COLLECTION_PERMISSIONS.get(name, ())
            for action in actions
        ]
        for permission in root_grants:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        # As for pages: a permission the role holds from the root may stay on other
        # collections; any other collection permission of the role goes.
        GroupCollectionPermission.objects.filter(group=group).exclude(
            permission__in=root_grants
        ).delete()


def _sync_model_permissions():
    managed = {grant for grants in MODEL_PERMISSIONS.values() for grant in grants}
    for name, grants in MODEL_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        group.permissions.add(*(_permission(*grant) for grant in grants))
        group.permissions.remove(*(_permission(*grant) for grant in managed - set(grants)))


def is_final_post_migrate(sender):
    """True for the last post_migrate of a migrate run, when every app's permissions exist."""
    # Django sends post_migrate only for apps that have a models module, in INSTALLED_APPS order.
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    return sender.label == with_models[-1].label

"""Signal receivers of the forum bridge."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_permission.models import (
    ForumPermission,
    GroupForumPermission,
    UserForumPermission,
)
from wagtail.signals import page_published

from community.badges import award_for_approved_topic
from community.models import CampaignPage
from community.roles import CONSUMERS, EDITORS, MODERATORS, is_final_post_migrate

from .campaigns import sync_campaign_forum
from .moderation import post_became_visible
from .permissions import ANONYMOUS_READ, CONSUMER_GRANTS, MODERATOR_GRANTS


def _grant(codenames, **holder):
    for permission in ForumPermission.objects.filter(codename__in=codenames):
        model = GroupForumPermission if "group" in holder else UserForumPermission
        model.objects.update_or_create(
            forum=None, permission=permission, **holder, defaults={"has_perm": True}
        )


def sync_forum_permissions():
    """Grant the global forum permissions of forum.permissions, idempotently."""
    _grant(ANONYMOUS_READ, anonymous_user=True, user=None)
    # Every signed-in user reads what visitors read, whatever their groups (editors, for one).
    _grant(ANONYMOUS_READ, authenticated_user=True, user=None)
    _grant(CONSUMER_GRANTS, group=Group.objects.get_or_create(name=CONSUMERS)[0])
    # Editors decide in the moderation queue too, so machina lets them see and act on what waits.
    for moderating_group in (MODERATORS, EDITORS):
        _grant(MODERATOR_GRANTS, group=Group.objects.get_or_create(name=moderating_group)[0])


@receiver(post_migrate, dispatch_uid="forum_integration.sync_forum_permissions")
def sync_forum_permissions_after_migrate(sender, **kwargs):
    """Apply the role grants once machina has created its permission rows."""
    if is_final_post_migrate(sender):
        sync_forum_permissions()


@receiver(page_published, sender=CampaignPage, dispatch_uid="forum_integration.campaign_forum")
def give_published_campaign_its_forum(sender, instance, **kwargs):
    """A campaign's forum appears with its first publication and follows its title and intro."""
    sync_campaign_forum(instance)


@receiver(post_save, sender=Post, dispatch_uid="forum_integration.new_visible_post")
def new_post_is_visible(sender, instance, created, raw=False, **kwargs):
    """A post created approved counts at once; one awaiting approval counts once approved."""
    if created and not raw and instance.approved:
        post_became_visible(instance)


@receiver(post_save, sender=Topic, dispatch_uid="forum_integration.badge_for_approved_topic")
def badge_for_approved_topic(sender, instance, **kwargs):
    """A topic saved as approved (posted by a trusted author, or approved) earns a first badge."""
    # machina approves topics in its own views and queue: its model's save is the one place.
    if instance.approved:
        award_for_approved_topic(instance)

"""Signal receivers of the community app."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.models import Group
from django.dispatch import receiver

from .roles import CONSUMERS, is_final_post_migrate, sync_roles


def sync_roles_after_migrate(sender, **kwargs):
    """Keep the role groups in step with community.roles after every migrate."""
    if is_final_post_migrate(sender):
        sync_roles()


@receiver(user_signed_up, dispatch_uid="community.join_consumers")
def join_consumers_on_sign_up(sender, request, user, **kwargs):
    """Every new account starts as a consumer."""
    consumers, _created = Group.objects.get_or_create(name=CONSUMERS)
    user.groups.add(consumers)

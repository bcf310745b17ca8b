from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """Participatory marketing for Wagtail: campaigns, ideas, moderation and promotion."""

    name = "community"
    label = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import profile_receivers, receivers, story_receivers  # noqa: F401

        # Connected here, not with @receiver, so the sender check reads the final app registry.
        post_migrate.connect(
            receivers.sync_roles_after_migrate, dispatch_uid="community.sync_roles"
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "brandsite.seo"
    label = "seo"
    verbose_name = _("Search engines")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from machina.apps.forum.models import Forum
        from machina.apps.forum_permission.models import (
            GroupForumPermission,
            UserForumPermission,
        )

        from .indexing import forget_public_forums

        for model in (Forum, UserForumPermission, GroupForumPermission):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_public_forums, sender=model, dispatch_uid=f"seo-{model.__name__}"
                )

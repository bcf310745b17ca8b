from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumIntegrationConfig(AppConfig):
    """The bridge between Cocreate and django-machina (machina owns the `forum` label)."""

    name = "forum"
    label = "forum_integration"
    verbose_name = _("Forum integration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401

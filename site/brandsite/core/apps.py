from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "brandsite.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .page_cache import connect_invalidation

        connect_invalidation()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "brandsite.blog"
    label = "blog"
    verbose_name = _("Blog")
    default_auto_field = "django.db.models.BigAutoField"

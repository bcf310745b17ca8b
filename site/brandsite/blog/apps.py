from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "brandsite.blog"
    label = "blog"
    verbose_name = _("Blog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(grant_editors_author_permissions, dispatch_uid="blog.author_perms")


#: Editors sign posts: they may add and change the blog's authors (not delete them).
EDITOR_AUTHOR_PERMISSIONS = ("add_author", "change_author", "view_author")


def grant_editors_author_permissions(sender, **kwargs):
    """After every migrate, let the Editors group manage blog authors."""
    from django.contrib.auth.models import Group, Permission

    from community.roles import EDITORS, is_final_post_migrate

    if not is_final_post_migrate(sender):
        return
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="blog", codename__in=EDITOR_AUTHOR_PERMISSIONS
        )
    )

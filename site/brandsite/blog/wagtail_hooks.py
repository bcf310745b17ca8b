"""The blog's admin screens: authors are snippets, managed through their own viewset."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from community.admin.snippets import SafeChooserSnippetViewSet

from .models import Author


class AuthorViewSet(SafeChooserSnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Blog authors")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "bio"]
    search_fields = ["name", "bio"]


@hooks.register("register_admin_viewset")
def register_author_viewset():
    return AuthorViewSet()

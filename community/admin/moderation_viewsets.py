"""The "Moderation" admin menu: the queue's viewset with its pending count, and the lists
of watched words and rejection reasons that moderators and editors keep."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from community import permissions
from community.models import ModerationCase, RejectionReason, WatchedWord

from .bans import BanViewSet
from .moderation import ModerationCaseFilterSet, ModerationQueueIndexView
from .snippets import SafeChooserSnippetViewSet


def pending_count(request):
    """How many posts wait for a decision: one COUNT query per request, however often asked."""
    if not hasattr(request, "_moderation_pending_count"):
        request._moderation_pending_count = ModerationCase.objects.pending().count()
    return request._moderation_pending_count


class PendingCountMenuItem(AdminMenuItem):
    """The queue's menu item, with the number of posts waiting, for those who may read it."""

    def is_shown(self, request):
        return permissions.can_view_moderation_queue(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        component.label = f"{self.label} ({pending_count(request)})"
        return component


class PendingCountSubmenuItem(SubmenuMenuItem):
    """The "Moderation" menu, with the number of posts waiting when its reader may see them."""

    def render_component(self, request):
        component = super().render_component(request)
        if permissions.can_view_moderation_queue(request.user):
            component.label = f"{self.label} ({pending_count(request)})"
        return component


class ModerationQueueViewSet(ModelViewSet):
    """The queue: a listing and the bulk decisions of community.admin.moderation_bulk."""

    model = ModerationCase
    icon = "warning"
    menu_label = _("Queue")
    url_prefix = "moderation"
    index_view_class = ModerationQueueIndexView
    filterset_class = ModerationCaseFilterSet
    add_to_reference_index = False
    copy_view_enabled = False
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs):
        no_form_views = {"add_url_name": None, "edit_url_name": None, "delete_url_name": None}
        return super().get_common_view_kwargs(
            **no_form_views, usage_url_name=None, inspect_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        # Only the listing: cases are decided by the bulk actions, never edited in a form.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    @cached_property
    def menu_item_class(self):
        return PendingCountMenuItem

    def get_permissions_to_register(self):
        codenames = ["view_moderationcase", "change_moderationcase"]
        return super().get_permissions_to_register().filter(codename__in=codenames)


class WatchedWordViewSet(SafeChooserSnippetViewSet):
    """Words that hold or refuse a post; moderators and editors keep the list."""

    model = WatchedWord
    icon = "search"
    menu_label = _("Watched words")
    url_prefix = "moderation/watched-words"
    list_display = ["word", "action"]
    list_filter = ["action"]
    search_fields = ["word"]


class RejectionReasonViewSet(SafeChooserSnippetViewSet):
    """The canned reasons a moderator picks when rejecting a post; the author reads the text."""

    model = RejectionReason
    icon = "comment"
    menu_label = _("Rejection reasons")
    url_prefix = "moderation/rejection-reasons"
    list_display = ["title", "text"]
    search_fields = ["title", "text"]


class ModerationViewSetGroup(ViewSetGroup):
    """The "Moderation" menu: the queue, bans, watched words and rejection reasons."""

    menu_label = _("Moderation")
    menu_icon = "warning"
    menu_order = 240
    items = (
        ModerationQueueViewSet("moderation_queue"),
        # `community_bans:add` takes `?user=<id>`: the queue links to it for a post's author.
        BanViewSet("community_bans", url_prefix="moderation/bans"),
        WatchedWordViewSet(),
        RejectionReasonViewSet(),
    )

    def get_menu_item(self, order=None):
        # ViewSetGroup's own, with the item class that shows the pending count.
        return PendingCountSubmenuItem(
            label=self.menu_label,
            menu=Menu(register_hook_name=self.submenu_hook, items=self.get_submenu_items()),
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )

"""Bans in the Wagtail admin: moderators list bans, ban a member and lift a ban in force."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from community import actions, permissions
from community.models import Ban
from community.models.moderation import BAN_REASON_MAX_LENGTH

from .ban_forms import BanForm

SEARCH_FIELDS = ["user__username", "user__email", "reason"]


class BanFilterSet(WagtailFilterSet):
    """The listing's filter: bans in force now, or those that ended."""

    in_force = django_filters.ChoiceFilter(
        label=_("In force?"),
        choices=[("yes", _("In force")), ("no", _("Ended"))],
        empty_label=_("All bans"),
        method="filter_in_force",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Ban
        fields = []

    def filter_in_force(self, queryset, name, value):
        in_force = Ban.objects.in_force().values("pk")
        if value == "yes":
            return queryset.filter(pk__in=in_force)
        if value == "no":
            return queryset.exclude(pk__in=in_force)
        return queryset


def ban_end(ban):
    """When `ban` ends, as people read a date, or "For good"."""
    if ban.ends_at is None:
        return gettext("For good")
    return formats.date_format(timezone.localtime(ban.ends_at), "DATETIME_FORMAT")


def is_in_force(ban, now=None):
    """Whether `ban` bars its member now."""
    now = now or timezone.now()
    return (
        ban.lifted_at is None
        and ban.starts_at <= now
        and (ban.ends_at is None or ban.ends_at > now)
    )


class BanIndexView(generic.IndexView):
    """Every ban, newest first: who, why, from and until when, whether in force, by whom."""

    default_ordering = "-starts_at"
    page_title = _("Bans")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "banned_by")

    @cached_property
    def columns(self):
        member_column = self._get_title_column_class(TitleColumn)
        return [
            member_column(
                "user",
                label=_("Member"),
                accessor=lambda ban: get_user_display_name(ban.user),
                get_url=self.get_inspect_url,
                sort_key="user__username",
            ),
            Column("email", label=_("E-mail"), accessor="user.email"),
            Column(
                "reason", label=_("Reason"), accessor=lambda ban: Truncator(ban.reason).chars(80)
            ),
            DateColumn("starts_at", label=_("From"), sort_key="starts_at"),
            Column(
                "ends_at",
                label=_("Until"),
                accessor=ban_end,
                sort_key="ends_at",
            ),
            StatusTagColumn(
                "in_force",
                label=_("In force?"),
                accessor=lambda ban: gettext("In force") if is_in_force(ban) else gettext("Ended"),
                primary=is_in_force,
            ),
            Column(
                "banned_by",
                label=_("Banned by"),
                accessor=lambda ban: get_user_display_name(ban.banned_by) if ban.banned_by else "—",
            ),
        ]

    def get_inspect_url(self, instance):
        return reverse(self.inspect_url_name, args=(quote(instance.pk),))

    def get_list_more_buttons(self, instance):
        label = _("Details and lift") if is_in_force(instance) else _("Details")
        return [MenuItem(label, url=self.get_inspect_url(instance), icon_name="view")]


class BanCreateView(generic.CreateView):
    """Ban a member through `do_ban_user`; `?user=<id>` names the member in advance."""

    page_title = _("Ban a member")
    submit_button_label = _("Ban")

    def get_initial(self):
        initial = super().get_initial()
        user_id = self.request.GET.get("user", "")
        if user_id.isdigit():
            member = get_user_model().objects.filter(pk=user_id).first()
            if member is not None:
                initial["user"] = member.get_username()
        return initial

    def form_valid(self, form):
        self.form = form
        data = form.cleaned_data
        try:
            self.object = actions.do_ban_user(
                data["user"], self.request.user, data["reason"], ends_at=data.get("ends_at")
            )
        except actions.ActionRefused as refusal:
            # Refused by the action's rules (yourself, a moderator…): shown like a form error.
            form.add_error(None, refusal.message)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()

    def get_success_message(self, instance):
        return gettext("%(member)s is banned.") % {"member": get_user_display_name(instance.user)}

    def get_success_buttons(self):
        return []


class BanInspectView(generic.InspectView):
    """One ban in full, with the form to lift it while it is in force."""

    template_name = "community/admin/ban_inspect.html"
    page_title = _("Ban")
    lift_url_name = None

    def get_object(self, queryset=None):
        queryset = Ban.objects.select_related("user", "banned_by", "lifted_by")
        return get_object_or_404(queryset, pk=unquote(str(self.pk)))

    def get_page_subtitle(self):
        return get_user_display_name(self.object.user)

    def get_user_display_value(self):
        return f"{get_user_display_name(self.object.user)} <{self.object.user.email}>"

    def _name(self, user):
        return get_user_display_name(user) if user else "—"

    def get_banned_by_display_value(self):
        return self._name(self.object.banned_by)

    def get_lifted_by_display_value(self):
        return self._name(self.object.lifted_by)

    def get_ends_at_display_value(self):
        return ban_end(self.object)

    def get_lifted_at_display_value(self):
        lifted_at = self.object.lifted_at
        if lifted_at is None:
            return "—"
        return formats.date_format(timezone.localtime(lifted_at), "DATETIME_FORMAT")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_lift"] = is_in_force(self.object) and permissions.can_lift_ban(
            self.request.user
        )
        context["lift_url"] = reverse(self.lift_url_name, args=[quote(self.object.pk)])
        context["reason_max_length"] = BAN_REASON_MAX_LENGTH
        return context


class LiftBanView(View):
    """POST only: lift a ban in force through `do_lift_ban`, with the moderator's reason."""

    inspect_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk):
        if not permissions.can_lift_ban(request.user):
            raise PermissionDenied
        ban = get_object_or_404(Ban.objects.select_related("user"), pk=unquote(str(pk)))
        try:
            actions.do_lift_ban(ban, request.user, request.POST.get("reason", ""))
        except actions.ActionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                gettext("The ban of %(member)s is lifted.")
                % {"member": get_user_display_name(ban.user)},
            )
        return redirect(self.inspect_url_name, quote(ban.pk))


class BanViewSet(ModelViewSet):
    """Bans: moderators ban members and lift bans; a ban is never edited or deleted, only ended."""

    model = Ban
    icon = "warning"
    menu_label = _("Bans")
    menu_order = 20
    index_view_class = BanIndexView
    add_view_class = BanCreateView
    inspect_view_class = BanInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "user",
        "reason",
        "starts_at",
        "ends_at",
        "banned_by",
        "lifted_at",
        "lifted_by",
        "lift_reason",
    ]
    copy_view_enabled = False
    add_to_reference_index = False
    search_fields = SEARCH_FIELDS
    filterset_class = BanFilterSet
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return BanForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"edit_url_name": None, "delete_url_name": None, "usage_url_name": None, **kwargs}
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(lift_url_name=self.get_url_name("lift"), **kwargs)

    def get_urlpatterns(self):
        # Built here rather than filtered from ModelViewSet's: bans are ended, never edited.
        lift = LiftBanView.as_view(inspect_url_name=self.get_url_name("inspect"))
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/lift/", lift, name="lift"),
            path("<int:pk>/history/", self.history_view, name="history"),
            path("<int:pk>/history/results/", self.history_results_view, name="history_results"),
        ]

    def get_permissions_to_register(self):
        codenames = ["add_ban", "change_ban", "view_ban"]
        return super().get_permissions_to_register().filter(codename__in=codenames)

"""The one moderation queue in the Wagtail admin: held and reported posts, to approve or reject.

Moderators use it without any page permission: `community.view_moderationcase` lets them in,
`community.change_moderationcase` lets them decide (both are role grants of community.roles).
"""

from datetime import timedelta

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from machina.apps.forum.models import Forum
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views import generic

from community import permissions
from community.models import (
    CampaignPage,
    ModerationCase,
    ModerationReason,
)
from community.notifications import post_path

#: How much of a post the listing shows, as plain text (the link leads to the whole post).
CONTENT_PREVIEW_CHARS = 600
#: The "waiting for more than" filter: {choice: age}.
AGES = {
    "1h": (timedelta(hours=1), _("More than an hour")),
    "24h": (timedelta(days=1), _("More than a day")),
    "7d": (timedelta(days=7), _("More than a week")),
}
QUEUE_URL = "moderation_queue:index"


def ban_author_url(case):
    """The admin's "ban this member" form, filled in with the case's author."""
    if case.author_id is None:
        return None
    return reverse("community_bans:add") + "?" + urlencode({"user": case.author_id})


def post_url(case):
    """Where a moderator reads the post on the site: in its topic, or machina's queued view."""
    post = case.post
    if post is None:
        return None
    if not post.approved:
        return reverse("forum_moderation:queued_post", args=[post.pk])
    return post_path(post.topic, post.pk)


class ModerationCaseFilterSet(WagtailFilterSet):
    """The queue's filters: campaign, forum, reason and how long a post has waited."""

    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"),
        field_name="forum__campaign_page",
        empty_label=_("All campaigns"),
        queryset=lambda request: CampaignPage.objects.order_by("title"),
    )
    forum = django_filters.ModelChoiceFilter(
        label=_("Forum"),
        empty_label=_("All forums"),
        queryset=lambda request: Forum.objects.filter(type=Forum.FORUM_POST).order_by("name"),
    )
    reason = django_filters.ChoiceFilter(
        label=_("Reason"),
        choices=ModerationReason.choices,
        empty_label=_("Any reason"),
    )
    age = django_filters.ChoiceFilter(
        label=_("Waiting"),
        choices=[(key, label) for key, (_age, label) in AGES.items()],
        empty_label=_("Any time"),
        method="filter_age",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ModerationCase
        fields = []

    def filter_age(self, queryset, name, value):
        return queryset.filter(opened_at__lte=timezone.now() - AGES[value][0])


def queue_cases(queryset=None):
    """Pending cases with what the queue shows of them, in one query."""
    queryset = ModerationCase.objects.pending() if queryset is None else queryset
    return queryset.select_related("author", "forum", "post__topic__forum").annotate(
        campaign_title=F("forum__campaign_page__title")
    )


def cases_in_listing(request):
    """The pending cases the queue shows for this query string (its filters)."""
    queryset = ModerationCase.objects.pending()
    return ModerationCaseFilterSet(request.GET, queryset=queryset, request=request).qs


class ModerationQueueAccessMixin:
    """Lets in users who may read the queue (moderators and editors)."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_moderation_queue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def describe_reason(case):
    """The reason a post waits, with its detail (the watched word, the link)."""
    label = case.get_reason_display()
    return f"{label}: {case.detail}" if case.detail else label


def content_preview(case):
    """The post's text as its author wrote it, shortened; escaped wherever it is shown."""
    if case.post is None:
        return gettext("(deleted by its author)")
    return Truncator(str(case.post.content.raw)).chars(CONTENT_PREVIEW_CHARS)


class ModerationQueueIndexView(ModerationQueueAccessMixin, generic.IndexView):
    """The posts waiting for a decision, oldest first, with why, where and what they say."""

    template_name = "community/admin/moderation_queue_index.html"
    page_title = _("Moderation queue")
    default_ordering = "opened_at"
    history_url_name = None
    any_permission_required = None  # community.permissions decides (see the mixin)

    def get_base_queryset(self):
        return queue_cases()

    @cached_property
    def can_decide(self):
        return permissions.can_decide_moderation_cases(self.request.user)

    @cached_property
    def can_promote(self):
        return permissions.can_promote_idea(self.request.user)

    @cached_property
    def columns(self):
        subject_column = self._get_title_column_class(TitleColumn)
        columns = [
            subject_column(
                "subject",
                label=_("Post"),
                get_url=post_url,
                get_title_id=lambda case: f"moderation_case_{case.pk}_title",
            ),
            Column("reason", label=_("Reason"), accessor=describe_reason, sort_key="reason"),
            DateColumn("opened_at", label=_("Waiting since"), sort_key="opened_at"),
            Column("forum", label=_("Forum"), accessor="forum.name"),
            Column("campaign", label=_("Campaign"), accessor="campaign_title"),
            Column(
                "author",
                label=_("Author"),
                accessor=lambda case: get_user_display_name(case.author) if case.author else "",
            ),
            Column(
                "content",
                label=_("Content"),
                accessor=content_preview,
                classname="moderation-content",
            ),
        ]
        if self.can_decide:
            columns.insert(0, BulkActionsCheckboxColumn("bulk_actions", obj_type="moderation_case"))
        return columns

    def decision_url(self, action_type, case, next_url=None):
        query = urlencode({"id": case.pk, "next": next_url or self.request.get_full_path()})
        return reverse("wagtail_bulk_action", args=["community", "moderationcase", action_type]) + (
            "?" + query
        )

    def get_list_more_buttons(self, instance):
        buttons = []
        if self.can_decide:
            buttons += [
                MenuItem(
                    _("Approve"),
                    url=self.decision_url("approve", instance),
                    icon_name="check",
                    priority=10,
                ),
                MenuItem(
                    _("Reject"),
                    url=self.decision_url("reject", instance),
                    icon_name="cross",
                    priority=20,
                ),
            ]
        if self.can_decide and self.can_promote and instance.is_topic_head and instance.post_id:
            # A held idea worth a story: approve it, then land on the promotion screen.
            promote_url = reverse("community_promote_idea", args=[instance.post.topic_id])
            buttons.append(
                MenuItem(
                    _("Approve and promote"),
                    url=self.decision_url("approve", instance, next_url=promote_url),
                    icon_name="pick",
                    priority=25,
                )
            )
        if url := post_url(instance):
            buttons.append(MenuItem(_("See on the site"), url=url, icon_name="view", priority=30))
        if permissions.can_ban(self.request.user) and (url := ban_author_url(instance)):
            buttons.append(MenuItem(_("Ban the author"), url=url, icon_name="lock", priority=40))
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_decide"] = self.can_decide
        return context

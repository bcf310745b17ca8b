"""Wagtail admin integration of the community app."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button

from . import permissions
from .admin.account_log import register_account_log_actions
from .admin.applications import TesterApplicationViewSet
from .admin.bulk_actions import DeclineApplicationsBulkAction, SelectApplicationsBulkAction
from .admin.insights import InsightsPanel, InsightsViewSet
from .admin.moderation_bulk import ApproveCasesBulkAction, RejectCasesBulkAction
from .admin.moderation_panel import ModerationPanel
from .admin.moderation_viewsets import ModerationViewSetGroup
from .admin.results import CampaignResultsViewSet
from .admin.snippets import SafeChooserSnippetViewSet
from .admin.stories import (
    hide_publish_while_consent_is_awaited,
    promote_idea,
    refuse_publish_while_consent_is_awaited,
)
from .models import CampaignPage, IdeaStatus


@hooks.register("register_log_actions")
def register_community_log_actions(actions):
    """Labels of the community app's audit-log actions."""
    actions.register_action("community.variant_vote.cast", _("Vote cast"), _("Variant vote cast"))
    actions.register_action("community.idea.vote", _("Vote for idea"), _("Idea upvoted"))
    actions.register_action(
        "community.idea.unvote", _("Withdraw idea vote"), _("Idea vote withdrawn")
    )
    actions.register_action("community.idea.status", _("Set idea status"), _("Idea status changed"))
    actions.register_action("community.follow.topic", _("Follow idea"), _("Idea followed"))
    actions.register_action("community.unfollow.topic", _("Unfollow idea"), _("Idea unfollowed"))
    actions.register_action("community.follow.forum", _("Follow forum"), _("Forum followed"))
    actions.register_action("community.unfollow.forum", _("Unfollow forum"), _("Forum unfollowed"))
    actions.register_action(
        "community.notifications.unsubscribe",
        _("Unsubscribe"),
        _("Notification e-mails stopped"),
    )
    actions.register_action(
        "community.idea.merge", _("Merge idea"), _("Idea merged into another idea")
    )
    actions.register_action(
        "community.idea.merged_in", _("Receive merged idea"), _("Another idea merged into this one")
    )
    actions.register_action(
        "community.tester_application.submit",
        _("Apply as tester"),
        _("Tester application submitted"),
    )
    actions.register_action(
        "community.tester_application.selected",
        _("Select tester"),
        _("Tester application selected"),
    )
    actions.register_action(
        "community.tester_application.declined",
        _("Decline tester"),
        _("Tester application declined"),
    )
    register_profile_log_actions(actions)
    register_account_log_actions(actions)
    register_moderation_log_actions(actions)
    register_story_log_actions(actions)


def register_moderation_log_actions(actions):
    """Labels of the audit-log actions of the moderation queue."""
    for action, label, message in (
        ("community.moderation.hold", _("Hold post"), _("Post held for review")),
        ("community.moderation.approve", _("Approve post"), _("Post approved or kept")),
        ("community.moderation.reject", _("Reject post"), _("Post rejected and deleted")),
    ):
        actions.register_action(action, label, message)


def register_story_log_actions(actions):
    """Labels of the audit-log actions on stories: promotion, consent, withdrawal."""
    for action, label, message in (
        ("community.idea.promote", _("Promote idea"), _("Idea promoted to a draft story")),
        (
            "community.story.consent_request",
            _("Ask consent"),
            _("Contributors asked how to be named"),
        ),
        ("community.story.consent_accept", _("Accept credit"), _("Contributor accepted credit")),
        (
            "community.story.consent_decline",
            _("Decline credit"),
            _("Contributor asked to be anonymous"),
        ),
        (
            "community.story.consent_override",
            _("Override consent"),
            _("Editor went on without a contributor's answer"),
        ),
        ("community.story.withdraw", _("Withdraw story"), _("Story unpublished: promotion undone")),
        ("community.badge.withdraw", _("Withdraw badge"), _("Badge withdrawn")),
    ):
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def register_story_admin_urls():
    """The promotion screen, reached from an idea's topic page."""
    return [path("promote/<int:idea_id>/", promote_idea, name="community_promote_idea")]


hooks.register("construct_page_action_menu", hide_publish_while_consent_is_awaited)
hooks.register("before_edit_page", refuse_publish_while_consent_is_awaited)


def register_profile_log_actions(actions):
    """Labels of the audit-log actions on contributors: consent, profile, badges, credits."""
    for action, label, message in (
        ("community.profile.sign_up", _("Sign up"), _("Consents and profile recorded")),
        ("community.profile.change", _("Change profile"), _("Profile or credit choice changed")),
        ("community.consent.accept", _("Accept documents"), _("Current documents accepted")),
        ("community.profile.avatar", _("Change avatar"), _("Avatar changed")),
        ("community.profile.avatar_removed", _("Remove avatar"), _("Avatar removed")),
        ("community.badge.award", _("Award badge"), _("Badge awarded")),
        ("community.story.credit", _("Credit on story"), _("Contributor credited on a story")),
    ):
        actions.register_action(action, label, message)


@hooks.register("register_log_actions")
def register_report_and_ban_log_actions(actions):
    """Labels of the audit-log actions on members' reports and on bans."""
    for action, label, message in (
        ("community.post.report", _("Report post"), _("Post reported by a member")),
        ("community.post.hide", _("Hide reported post"), _("Post hidden after members' reports")),
        ("community.ban.add", _("Ban member"), _("Member banned")),
        ("community.ban.lift", _("Lift ban"), _("Ban lifted")),
    ):
        actions.register_action(action, label, message)


class IdeaStatusViewSet(SafeChooserSnippetViewSet):
    """The statuses ideas can take: a brand renames, recolours or adds them (admins)."""

    model = IdeaStatus
    icon = "tag"
    menu_label = _("Idea statuses")
    url_prefix = "idea-statuses"
    list_display = ["name", "slug", "colour", "requires_reason", "is_default", "sort_order"]
    search_fields = ["name", "slug"]


class CampaignsViewSetGroup(ViewSetGroup):
    """The "Campaigns" menu: tester applications, results of every campaign, idea statuses."""

    menu_label = _("Campaigns")
    menu_icon = "tasks"
    menu_order = 250
    items = (
        TesterApplicationViewSet("tester_applications", url_prefix="tester-applications"),
        CampaignResultsViewSet(),
        InsightsViewSet(),
        IdeaStatusViewSet(),
    )


@hooks.register("register_admin_viewset")
def register_campaigns_viewsets():
    """The "Campaigns" menu and its screens."""
    return CampaignsViewSetGroup()


hooks.register("register_bulk_action", SelectApplicationsBulkAction)
hooks.register("register_bulk_action", DeclineApplicationsBulkAction)


@hooks.register("register_admin_viewset")
def register_moderation_viewsets():
    """The "Moderation" menu: the queue, watched words and rejection reasons."""
    return ModerationViewSetGroup()


hooks.register("register_bulk_action", ApproveCasesBulkAction)
hooks.register("register_bulk_action", RejectCasesBulkAction)


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    """The moderation figures on the dashboard of those who may read the queue."""
    if permissions.can_view_moderation_queue(request.user):
        panels.append(ModerationPanel())


@hooks.register("construct_homepage_panels")
def add_insights_panel(request, panels):
    """Last month's figures of every campaign on the dashboard of those who may read insights."""
    if permissions.can_view_insights(request.user):
        panels.append(InsightsPanel())


def _applications_and_results_button(page, user, priority):
    if issubclass(page.specific_class or type(page), CampaignPage) and (
        permissions.can_view_campaign_results(user)
    ):
        url = reverse("tester_applications:index") + f"?campaign={page.pk}"
        yield Button(_("Applications and results"), url, icon_name="table", priority=priority)


@hooks.register("register_page_header_buttons")
def campaign_page_header_buttons(page, user, view_name, next_url=None):
    """On a campaign's edit and explorer views: its applications, which lead to its results."""
    yield from _applications_and_results_button(page, user, priority=70)
    yield from _insights_button(page, user, priority=71)


def _insights_button(page, user, priority):
    if issubclass(page.specific_class or type(page), CampaignPage) and (
        permissions.can_view_insights(user)
    ):
        url = reverse("insights:campaign", args=[page.pk])
        yield Button(_("Insights"), url, icon_name="table", priority=priority)


@hooks.register("register_page_listing_more_buttons")
def campaign_page_listing_more_buttons(page, user, next_url=None):
    """In page listings, on each campaign's "more" menu."""
    yield from _applications_and_results_button(page, user, priority=70)

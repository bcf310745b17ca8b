"""Wagtail admin integration of the community app."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_community_log_actions(actions):
    actions.register_action("community.variant_vote.cast", _("Vote cast"), _("Variant vote cast"))
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

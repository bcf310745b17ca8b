"""Every state change a user can cause in the community app, one function each, by concern."""

from .badges import do_award_badge, do_credit_story
from .base import ActionRefused, ConsentRequired
from .campaigns import do_apply_as_tester, do_cast_variant_vote, do_decide_tester_application
from .ideas import (
    IDEA_STATUS_REASON_MAX_LENGTH,
    do_set_idea_status,
    do_vote_for_idea,
    do_withdraw_idea_vote,
    idea_topic,
)
from .profiles import (
    do_accept_current_documents,
    do_record_sign_up,
    do_remove_avatar,
    do_set_avatar,
    do_update_contributor_profile,
)

__all__ = [
    "ActionRefused",
    "ConsentRequired",
    "do_accept_current_documents",
    "do_award_badge",
    "do_credit_story",
    "do_record_sign_up",
    "do_remove_avatar",
    "do_set_avatar",
    "do_update_contributor_profile",
    "IDEA_STATUS_REASON_MAX_LENGTH",
    "do_apply_as_tester",
    "do_cast_variant_vote",
    "do_decide_tester_application",
    "do_set_idea_status",
    "do_vote_for_idea",
    "do_withdraw_idea_vote",
    "idea_topic",
]

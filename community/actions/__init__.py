"""Every state change a user can cause in the community app, one function each, by concern."""

from .base import ActionRefused
from .campaigns import do_apply_as_tester, do_cast_variant_vote, do_decide_tester_application
from .ideas import (
    IDEA_STATUS_REASON_MAX_LENGTH,
    do_set_idea_status,
    do_vote_for_idea,
    do_withdraw_idea_vote,
    idea_topic,
)
from .merges import check_merge, do_merge_ideas

__all__ = [
    "ActionRefused",
    "IDEA_STATUS_REASON_MAX_LENGTH",
    "check_merge",
    "do_apply_as_tester",
    "do_cast_variant_vote",
    "do_decide_tester_application",
    "do_merge_ideas",
    "do_set_idea_status",
    "do_vote_for_idea",
    "do_withdraw_idea_vote",
    "idea_topic",
]

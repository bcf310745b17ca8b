"""Every state change a user can cause in the community app, one function each, by concern."""

from .accounts import do_delete_account, do_export_personal_data
from .badges import do_award_badge, do_credit_story
from .bans import do_ban_user, do_lift_ban
from .base import ActionRefused, ConsentRequired, require_not_banned
from .campaigns import do_apply_as_tester, do_cast_variant_vote, do_decide_tester_application
from .follows import (
    do_follow_forum,
    do_follow_topic,
    do_follow_topic_automatically,
    do_unfollow_forum,
    do_unfollow_topic,
)
from .ideas import (
    IDEA_STATUS_REASON_MAX_LENGTH,
    do_set_idea_status,
    do_vote_for_idea,
    do_withdraw_idea_vote,
    idea_topic,
)
from .merges import check_merge, do_merge_ideas
from .moderation import (
    do_approve_case,
    do_approve_cases,
    do_hold_post,
    do_reject_case,
    do_reject_cases,
    pending_case_for_post,
    post_became_visible,
)
from .notifications import (
    do_mark_all_notifications_read,
    do_mark_notification_read,
    do_notify,
    do_unsubscribe_from_notifications,
)
from .page_views import do_count_page_view
from .profiles import (
    do_accept_current_documents,
    do_record_sign_up,
    do_remove_avatar,
    do_set_avatar,
    do_update_contributor_profile,
)
from .reports import do_report_post
from .stories import do_promote_idea
from .story_consents import do_answer_story_consent, do_override_story_consents

__all__ = [
    "do_delete_account",
    "do_export_personal_data",
    "do_count_page_view",
    "ActionRefused",
    "ConsentRequired",
    "do_accept_current_documents",
    "do_award_badge",
    "do_ban_user",
    "do_lift_ban",
    "do_report_post",
    "require_not_banned",
    "do_credit_story",
    "do_record_sign_up",
    "do_remove_avatar",
    "do_set_avatar",
    "do_update_contributor_profile",
    "IDEA_STATUS_REASON_MAX_LENGTH",
    "check_merge",
    "do_apply_as_tester",
    "do_cast_variant_vote",
    "do_decide_tester_application",
    "do_merge_ideas",
    "do_approve_case",
    "do_approve_cases",
    "do_hold_post",
    "do_reject_case",
    "do_reject_cases",
    "pending_case_for_post",
    "post_became_visible",
    "do_promote_idea",
    "do_answer_story_consent",
    "do_override_story_consents",
    "do_follow_forum",
    "do_follow_topic",
    "do_follow_topic_automatically",
    "do_mark_all_notifications_read",
    "do_mark_notification_read",
    "do_notify",
    "do_set_idea_status",
    "do_unfollow_forum",
    "do_unfollow_topic",
    "do_unsubscribe_from_notifications",
    "do_vote_for_idea",
    "do_withdraw_idea_vote",
    "idea_topic",
]

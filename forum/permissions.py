"""Forum permissions granted globally to each role, as data; applied after every migrate."""

ANONYMOUS_READ = ("can_see_forum", "can_read_forum", "can_download_file")

CONSUMER_GRANTS = (
    *ANONYMOUS_READ,
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_vote_in_polls",
    # Who waits for approval is decided by community.moderation's policy, not by a role.
    "can_post_without_approval",
)

MODERATOR_GRANTS = (
    *CONSUMER_GRANTS,
    "can_create_polls",
    "can_attach_file",
    "can_delete_own_posts",
    "can_post_stickies",
    "can_post_announcements",
    "can_lock_topics",
    "can_move_topics",
    "can_edit_posts",
    "can_delete_posts",
    "can_approve_posts",
    "can_reply_to_locked_topics",
)

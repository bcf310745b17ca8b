"""Signals the community app sends after its actions commit."""

from django.dispatch import Signal

#: Sent with `vote` and `changed` (False for a first vote).
variant_vote_cast = Signal()
#: Sent with `application`.
tester_application_submitted = Signal()
#: Sent with `application` once selected or declined.
tester_application_decided = Signal()
#: Sent with `vote` when a consumer upvotes an idea.
idea_voted = Signal()
#: Sent with `idea` and `voter` when a consumer withdraws their upvote.
idea_vote_withdrawn = Signal()
#: Sent with `idea`, `change` (the new IdeaStatusChange) and `previous` (the former status).
idea_status_changed = Signal()
#: Sent with `post` when a reply (not a topic's first post) is visible in its topic.
topic_replied = Signal()
#: Sent with `post`, `approved` (bool), `reason` and `acting_user` once a moderator decides.
post_moderated = Signal()
#: Sent with `source`, `target` (Ideas), `acting_user` and `source_follower_ids` (who followed
#: `source` before its followers moved) once `source` is merged into `target`.
idea_merged = Signal()
#: Sent with `idea`, `story` (the new page) and `acting_user` when an idea becomes a story.
idea_promoted = Signal()
#: Sent with `post` and `case` once members' reports hid `post` pending a moderator's review.
post_hidden = Signal()
#: Sent with `user_id` and `summary` (what became of their data) once an account is deleted.
account_deleted = Signal()

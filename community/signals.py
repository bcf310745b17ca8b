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

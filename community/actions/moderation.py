"""Actions of the moderation queue: hold a post for review, approve or reject it.

Rows are locked post first, then case, whichever path decides (the Wagtail queue or machina's
approve and disapprove views): two moderators deciding at once take turns, and the second one
finds the decision made.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from machina.apps.forum_conversation.models import Post
from wagtail.log_actions import log

from .. import permissions, signals
from ..models import (
    FollowReason,
    ModerationCase,
    ModerationDecision,
    ModerationReason,
    PostReport,
)
from ..models.moderation import REJECTION_REASON_MAX_LENGTH
from .base import ActionRefused, on_commit_send
from .follows import do_follow_topic_automatically

ALREADY_DECIDED = gettext_lazy(
    "This post was already decided by another moderator: nothing was changed."
)


def post_became_visible(post):
    """A topic's first post: its author follows it; a reply: `topic_replied` once committed."""
    topic = post.topic
    if topic.first_post_id in (None, post.pk):
        do_follow_topic_automatically(topic, post.poster, FollowReason.AUTHOR)
    else:
        on_commit_send(signals.topic_replied, post=post)


@transaction.atomic
def do_hold_post(post, reason, detail=""):
    """Open the case of a post saved unapproved by a pre-moderation rule, in its transaction."""
    topic = post.topic
    case = ModerationCase.objects.create(
        post=post,
        forum_id=topic.forum_id,
        author=post.poster,
        subject=post.subject or topic.subject,
        is_topic_head=topic.first_post_id in (None, post.pk),
        reason=reason,
        detail=detail[:255],
        opened_at=post.created,
    )
    log(
        instance=case,
        action="community.moderation.hold",
        user=post.poster,
        data={"post_id": post.pk, "reason": reason, "detail": case.detail},
    )
    return case


@transaction.atomic
def pending_case_for_post(post_id):
    """The pending case of a post, opened now if the post waits without one; None if decided.

    Posts held before cases existed, or hidden by other means, still reach one decision path.
    """
    post = Post.objects.select_for_update().filter(pk=post_id).first()
    if post is None:
        return None
    case = ModerationCase.objects.pending().filter(post=post).first()
    if case is None and not post.approved:
        case = do_hold_post(post, ModerationReason.APPROVAL_REQUIRED)
    return case


def _require_decider(user):
    if not (user.is_authenticated and permissions.can_decide_moderation_cases(user)):
        raise PermissionDenied


def _lock(case):
    """(the case, its post or None), locked post first; refused once the case is decided."""
    post_id = ModerationCase.objects.filter(pk=case.pk).values_list("post_id", flat=True).first()
    post = Post.objects.select_for_update().filter(pk=post_id).first() if post_id else None
    locked = ModerationCase.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None or not locked.is_pending:
        raise ActionRefused(ALREADY_DECIDED, status=409)
    return locked, post


def _decide(case, decision, acting_user, reason_text=""):
    case.decided_at = timezone.now()
    case.decision = decision
    case.decided_by = acting_user
    case.rejection_reason = reason_text
    case.save(update_fields=["decided_at", "decision", "decided_by", "rejection_reason"])
    action = "approve" if decision == ModerationDecision.APPROVED else "reject"
    data = {"post_id": case.post_id, "reason": case.reason, "subject": case.subject}
    if reason_text:
        data["rejection_reason"] = reason_text
    log(instance=case, action=f"community.moderation.{action}", user=acting_user, data=data)


def _resolve_reports(post, upheld):
    PostReport.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), upheld=upheld
    )


@transaction.atomic
def do_approve_case(case, *, acting_user):
    """Approve a held post (it appears, its author and followers hear of it) or keep a reported one.

    A kept post was public before its reports hid it: it reappears without telling anyone again.
    """
    _require_decider(acting_user)
    case, post = _lock(case)
    _decide(case, ModerationDecision.APPROVED, acting_user)
    if post is None:  # deleted by its author meanwhile: the case closes, nobody is told
        return case
    if not post.approved:
        post.approved = True
        post.save()  # machina's save: the topic of a first post is approved with it
    if case.reason == ModerationReason.REPORTED:
        _resolve_reports(post, upheld=False)
    else:
        post_became_visible(post)
        on_commit_send(
            signals.post_moderated, post=post, approved=True, reason="", acting_user=acting_user
        )
    return case


def clean_rejection_reason(reason_text):
    """The reason sent to the author, stripped; refused when longer than the limit."""
    reason_text = (reason_text or "").strip()
    if len(reason_text) > REJECTION_REASON_MAX_LENGTH:
        raise ActionRefused(
            _("Keep the reason to %(max)d characters.") % {"max": REJECTION_REASON_MAX_LENGTH}
        )
    return reason_text


@transaction.atomic
def do_reject_case(case, *, acting_user, reason_text=""):
    """Reject a post: it is deleted as machina does (its topic too when it was the first post).

    Its author is told with `reason_text`; its reports are upheld; the case keeps its snapshot.
    """
    _require_decider(acting_user)
    reason_text = clean_rejection_reason(reason_text)
    case, post = _lock(case)
    _decide(case, ModerationDecision.REJECTED, acting_user, reason_text)
    if post is None:
        return case
    _resolve_reports(post, upheld=True)
    # Loaded before the delete: the author's notification names the topic and quotes the post.
    post.topic  # noqa: B018
    post.delete()
    case.post_id = None
    on_commit_send(
        signals.post_moderated,
        post=post,
        approved=False,
        reason=reason_text,
        acting_user=acting_user,
    )
    return case


def _decide_each(cases, decide):
    decided, skipped = [], []
    for case in cases:
        try:
            decided.append(decide(case))
        except ActionRefused:
            skipped.append(case)
    return decided, skipped


@transaction.atomic
def do_approve_cases(cases, *, acting_user):
    """Approve each case of a selection; returns (decided, skipped as already decided)."""
    _require_decider(acting_user)
    return _decide_each(cases, lambda case: do_approve_case(case, acting_user=acting_user))


@transaction.atomic
def do_reject_cases(cases, *, acting_user, reason_text=""):
    """Reject each case of a selection with one reason; returns (decided, skipped)."""
    _require_decider(acting_user)
    reason_text = clean_rejection_reason(reason_text)
    return _decide_each(
        cases,
        lambda case: do_reject_case(case, acting_user=acting_user, reason_text=reason_text),
    )

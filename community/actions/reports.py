"""Actions on reports: a member reports a post; enough reports hide it until a moderator decides."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from machina.apps.forum_conversation.models import Post
from wagtail.log_actions import log

from .. import permissions, signals
from ..models import ModerationCase, ModerationReason, ModerationSettings, PostReport
from ..models.moderation import REPORT_REASON_MAX_LENGTH
from .base import ActionRefused, on_commit_send, require_not_banned, require_within_rate_limit

REPORTING_TOO_FAST = gettext_lazy(
    "You are reporting too fast: wait a minute, then try again. Nothing was changed."
)
ALREADY_REPORTED = gettext_lazy("You already reported this post: moderators will review it.")


def _check_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("Say why this post should be reviewed: nothing was changed."))
    if len(reason) > REPORT_REASON_MAX_LENGTH:
        raise ActionRefused(
            _("Keep the reason to %(max)d characters at most: nothing was changed.")
            % {"max": REPORT_REASON_MAX_LENGTH}
        )
    return reason


def _require_report(post, user, reason):
    if not user.is_authenticated:
        raise PermissionDenied
    require_not_banned(user)
    refusal = permissions.report_refusal(user, post)
    if refusal is not None:
        raise ActionRefused(refusal, status=403 if post.approved else 409)
    reason = _check_reason(reason)
    if PostReport.objects.filter(post=post, reporter=user).exists():
        raise ActionRefused(ALREADY_REPORTED, status=409)
    # Counted once the report is known to be acceptable: a mistake costs nothing.
    require_within_rate_limit(user, "report", REPORTING_TOO_FAST)
    return reason


@transaction.atomic
def do_report_post(post, user, reason):
    """File `user`'s report of `post`; at the site's threshold the post is hidden for review.

    Returns the report. The post's row is locked, so concurrent reports take turns: the one that
    reaches the threshold hides the post and opens its one case, later ones are only stored.
    """
    reason = _require_report(post, user, reason)
    # Only the post's row: its topic and forum stay free for the posting that goes on meanwhile.
    posts = Post.objects.select_for_update(of=("self",)).select_related("topic__forum")
    locked = posts.filter(pk=post.pk).first()
    if locked is None:  # Deleted by a moderator while this report was on its way.
        raise ActionRefused(_("This post no longer exists: nothing was changed."), status=404)
    try:
        with transaction.atomic():
            report = PostReport.objects.create(post=locked, reporter=user, reason=reason)
    except IntegrityError:
        raise ActionRefused(ALREADY_REPORTED, status=409) from None
    log(instance=report, action="community.post.report", user=user, data={"post": locked.pk})
    unresolved = PostReport.objects.filter(post=locked, resolved_at__isnull=True).count()
    if locked.approved and unresolved >= ModerationSettings.load().report_threshold:
        _hide_post(locked, unresolved, user)
    elif not locked.approved:
        # Reported again while hidden: the moderators' queue shows the count as it stands.
        ModerationCase.objects.pending().filter(
            post=locked, reason=ModerationReason.REPORTED
        ).update(detail=_report_count_detail(unresolved))
    return report


def _report_count_detail(count):
    return ngettext("%(count)d report", "%(count)d reports", count) % {"count": count}


def _hide_post(post, report_count, user):
    """Hide the locked `post` pending review and open its case (its topic too, if it leads it)."""
    # machina's own save keeps the topic in step: a hidden first post unapproves its topic.
    post.approved = False
    post.save()
    case = ModerationCase.objects.pending().filter(post=post).first()
    if case is None:
        case = ModerationCase.objects.create(
            post=post,
            forum=post.topic.forum,
            author=post.poster,
            subject=post.subject,
            is_topic_head=post.topic.first_post_id == post.pk,
            reason=ModerationReason.REPORTED,
            detail=_report_count_detail(report_count),
            opened_at=timezone.now(),
        )
    # Hidden by the members' reports: the entry names the one whose report reached the threshold.
    log(
        instance=case,
        action="community.post.hide",
        user=user,
        data={"post": post.pk, "reports": report_count},
    )
    on_commit_send(signals.post_hidden, post=post, case=case)

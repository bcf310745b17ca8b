"""What every action shares: the refusal it raises and how it sends signals after commit."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions, ratelimits

VOTING_TOO_FAST = gettext_lazy(
    "You are voting too fast: wait a minute, then try again. Nothing was changed."
)


class ActionRefused(Exception):
    """A request that cannot be carried out, with a message for the user and an HTTP status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


class ConsentRequired(ActionRefused):
    """A contribution refused until its author accepts the current terms and licence again."""

    def __init__(self):
        super().__init__(
            _("The terms of use or the contribution licence changed: accept them to go on."),
            status=403,
        )


def require_current_consent(user):
    """Refuse a contribution from someone who accepted documents that have changed since."""
    if permissions.outdated_consents(user):
        raise ConsentRequired()


def require_not_banned(user):
    """Refuse a banned member, saying why and until when (HTTP 403)."""
    ban = permissions.active_ban(user)
    if ban is not None:
        raise ActionRefused(permissions.ban_refusal(ban), status=403)


def require_participation(campaign, user):
    """Refuse anyone who may not vote or apply on `campaign` now."""
    if not user.is_authenticated:
        raise PermissionDenied
    require_not_banned(user)
    if not permissions.can_take_part(user, campaign):
        raise ActionRefused(_("This campaign is not open: nothing was changed."), status=403)
    require_current_consent(user)


def on_commit_send(signal, **kwargs):
    """Send `signal` once the current transaction commits, never for a rolled-back change."""
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))


def require_within_rate_limit(user, action, message):
    """Refuse with `message` (HTTP 429) once `user` does `action` faster than its rate limit."""
    if permissions.is_exempt_from_rate_limits(user):
        return
    if not ratelimits.consume(user, action):
        raise ActionRefused(message, status=429)

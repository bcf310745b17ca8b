"""Who took part and who moderated, named as they chose to be credited; e-mails for admins only."""

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q
from machina.apps.forum_conversation.models import Post

from community.credits import credited_name
from community.models import ModerationCase, ModerationDecision

from .figures import Scope, _in_period

#: How many contributors the dashboards list.
TOP = 10


def _people(ids):
    """The users of `ids` with their profiles, in one query."""
    users = get_user_model().objects.select_related("contributor_profile").in_bulk(ids)
    return [users[pk] for pk in ids if pk in users]


def person_columns(user, viewer):
    """The name the brand may show (per the person's credit choice), and the e-mail for admins."""
    return [credited_name(user)] + ([user.email] if viewer.is_superuser else [])


def top_contributors(campaign, period, limit=TOP):
    """[(user, ideas, replies)] of the people who posted most in the period, in two queries.

    The posts deleted accounts left are one row, whose user is None: former members together.
    """
    first_post = Q(pk=F("topic__first_post_id"))
    rows = list(
        Post.objects.filter(Scope(campaign).forum("topic__"), approved=True)
        .filter(_in_period("created", period))
        .order_by()
        .values("poster")
        .annotate(
            posts=Count("pk"),
            ideas=Count("pk", filter=first_post),
            replies=Count("pk", filter=~first_post),
        )
        .order_by("-posts", "poster")[:limit]
    )
    users = {user.pk: user for user in _people([row["poster"] for row in rows])}
    return [
        (users.get(row["poster"]), row["ideas"], row["replies"])
        for row in rows
        if row["poster"] is None or row["poster"] in users
    ]


def moderator_workload(campaign, period):
    """[(user or None, decisions, approved)] per moderator over the period, in two queries."""
    rows = list(
        ModerationCase.objects.filter(Scope(campaign).forum(), decided_at__isnull=False)
        .filter(_in_period("decided_at", period))
        .order_by()
        .values("decided_by")
        .annotate(
            decisions=Count("pk"),
            approved=Count("pk", filter=Q(decision=ModerationDecision.APPROVED)),
        )
        .order_by("-decisions", "decided_by")
    )
    users = {user.pk: user for user in _people([row["decided_by"] for row in rows])}
    return [(users.get(row["decided_by"]), row["decisions"], row["approved"]) for row in rows]

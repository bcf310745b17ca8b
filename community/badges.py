"""Which outcome earns which badge, for the receivers and for catching up on past outcomes."""

from django.db.models import Min

from .actions import do_award_badge
from .models import BadgeKind, IdeaStatusChange, TesterApplication, TesterApplicationStatus

#: Idea status slugs whose first reaching earns the idea's author a badge.
STATUS_BADGES = {"planned": BadgeKind.IDEA_PLANNED, "launched": BadgeKind.IDEA_LAUNCHED}


def award_for_approved_topic(topic):
    """A topic visible in the forum earns its author the first-idea badge."""
    if topic.approved and topic.poster_id:
        do_award_badge(topic.poster, BadgeKind.FIRST_APPROVED_IDEA, earned_at=topic.created)


def award_for_status_change(idea, change):
    """An idea reaching a status of STATUS_BADGES earns its author that badge."""
    kind = STATUS_BADGES.get(change.status.slug)
    poster = idea.topic.poster
    if kind and poster is not None:
        do_award_badge(poster, kind, earned_at=change.changed_at, idea=idea)


def award_for_existing_outcomes():
    """Award the badges earned before badges existed, dated by the outcome; returns how many."""
    from machina.apps.forum_conversation.models import Topic

    awarded = 0
    first_topics = (
        Topic.objects.filter(approved=True, poster__isnull=False)
        .values("poster")
        .annotate(first=Min("created"))
    )
    users = {}

    def user(pk):
        from django.contrib.auth import get_user_model

        if pk not in users:
            users[pk] = get_user_model().objects.get(pk=pk)
        return users[pk]

    for row in first_topics:
        awarded += bool(
            do_award_badge(
                user(row["poster"]), BadgeKind.FIRST_APPROVED_IDEA, earned_at=row["first"]
            )
        )
    changes = (
        IdeaStatusChange.objects.filter(status__slug__in=list(STATUS_BADGES))
        .select_related("status", "idea__topic__poster")
        .order_by("changed_at", "pk")
    )
    for change in changes:
        poster = change.idea.topic.poster
        if poster is not None:
            kind = STATUS_BADGES[change.status.slug]
            awarded += bool(
                do_award_badge(poster, kind, earned_at=change.changed_at, idea=change.idea)
            )
    selected = (
        TesterApplication.objects.filter(status=TesterApplicationStatus.SELECTED)
        .select_related("applicant")
        .order_by("decided_at", "pk")
    )
    for application in selected:
        awarded += bool(
            do_award_badge(
                application.applicant, BadgeKind.PRODUCT_TESTER, earned_at=application.decided_at
            )
        )
    return awarded

"""Actions the site takes on its own when an outcome happens: badges and story credits."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..models import BadgeAward, StoryCredit


@transaction.atomic
def do_award_badge(user, kind, *, earned_at=None, idea=None):
    """Give `user` the badge `kind` once; returns the award, or None if they already had it.

    No permission check: only receivers of outcomes (and the catch-up command) call this.
    """
    if user is None or BadgeAward.objects.filter(user=user, kind=kind).exists():
        return None
    try:
        with transaction.atomic():
            award = BadgeAward.objects.create(
                user=user, kind=kind, earned_at=earned_at or timezone.now(), idea=idea
            )
    except IntegrityError:
        # The same outcome reported twice at once: the constraint keeps a single award.
        return None
    log(instance=award, action="community.badge.award", data={"kind": kind})
    return award


@transaction.atomic
def do_credit_story(user, story, *, idea=None):
    """Credit `user` on `story`, once; returns the credit."""
    credit, created = StoryCredit.objects.get_or_create(
        user=user, story=story, defaults={"idea": idea}
    )
    if created:
        log(instance=credit, action="community.story.credit", data={"story": story.pk})
    return credit

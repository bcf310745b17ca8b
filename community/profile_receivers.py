"""Receivers that turn outcomes into badges and story credits."""

from django.contrib.auth import get_user_model
from django.dispatch import receiver

from . import signals
from .actions import do_award_badge, do_credit_story
from .actions.stories import story_credits
from .badges import award_for_approved_topic, award_for_status_change
from .models import BadgeKind, CommunityStoryPage, TesterApplicationStatus


@receiver(signals.idea_status_changed, dispatch_uid="community.badge_for_status")
def badge_for_status(sender, idea, change, previous, **kwargs):
    """Planned and launched ideas earn their authors a badge."""
    award_for_status_change(idea, change)


@receiver(signals.tester_application_decided, dispatch_uid="community.badge_for_tester")
def badge_for_selected_tester(sender, application, **kwargs):
    """A selected tester earns the product-tester badge."""
    if application.status == TesterApplicationStatus.SELECTED:
        do_award_badge(
            application.applicant, BadgeKind.PRODUCT_TESTER, earned_at=application.decided_at
        )


@receiver(signals.post_moderated, dispatch_uid="community.badge_for_approved_idea")
def badge_for_approved_idea(sender, post, approved, reason, acting_user, **kwargs):
    """An idea approved by a moderator earns its author the first-idea badge."""
    if approved and post.is_topic_head:
        award_for_approved_topic(post.topic)


@receiver(signals.idea_promoted, dispatch_uid="community.credit_promoted_idea")
def credit_promoted_idea(sender, idea, story, acting_user, **kwargs):
    """Everyone a story credits by name is credited on their profile; the idea's author earns a
    badge. Contributors who declined to be named get neither."""
    poster = idea.topic.poster
    specific = story.specific
    if isinstance(specific, CommunityStoryPage):
        credited = dict(story_credits(specific))
    else:
        credited = {poster.pk: "author"} if poster is not None else {}
    users = get_user_model().objects.in_bulk(list(credited))
    for user_id in credited:
        if user_id in users:
            do_credit_story(users[user_id], story, idea=idea)
    if poster is not None and poster.pk in credited:
        do_award_badge(poster, BadgeKind.IDEA_PROMOTED, idea=idea)

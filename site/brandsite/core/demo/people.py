"""Demo contributors: profiles and consents, and a demo consumer idea the brand planned."""

from machina.apps.forum_conversation.models import Post, Topic

from community.actions import do_record_sign_up, do_set_idea_status
from community.badges import award_for_existing_outcomes
from community.models import ContributorProfile, CreditPreference, IdeaStatus

TEAM_NAME = "The Atelier Verde team"
CONSUMER_PSEUDONYM = "Fig & Moss"
CONSUMER_IDEA_SUBJECT = "A refill pouch for the liquid soap"
CONSUMER_IDEA_POST = (
    "I would buy the liquid soap far more often in a **refill pouch**: less plastic, and the "
    "glass bottle stays on my sink."
)


def _profile(user, **choices):
    if not ContributorProfile.objects.filter(user=user).exists():
        do_record_sign_up(user, accepted_terms=True, accepted_licence=True, **choices)


def _consumer_idea(campaign, consumer, moderator):
    if Topic.objects.filter(poster=consumer, subject=CONSUMER_IDEA_SUBJECT).exists():
        return
    topic = Topic.objects.create(
        forum=campaign.forum,
        poster=consumer,
        subject=CONSUMER_IDEA_SUBJECT,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=True,
    )
    Post.objects.create(
        topic=topic, poster=consumer, subject=CONSUMER_IDEA_SUBJECT, content=CONSUMER_IDEA_POST
    )
    do_set_idea_status(topic, IdeaStatus.objects.get(slug="planned"), acting_user=moderator)


def load_people(team, users_by_name, scent_campaign):
    """Name the team and (with DEBUG) give the demo consumer a pseudonym, an idea and badges."""
    _profile(team, display_name=TEAM_NAME, credit_preference=CreditPreference.DISPLAY_NAME)
    consumer = users_by_name.get("consumer")
    if consumer is not None:
        _profile(
            consumer, pseudonym=CONSUMER_PSEUDONYM, credit_preference=CreditPreference.PSEUDONYM
        )
        _consumer_idea(scent_campaign, consumer, users_by_name["moderator"])
    award_for_existing_outcomes()

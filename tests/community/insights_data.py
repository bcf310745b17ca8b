"""A campaign with known activity in November 2026, and the figures it must give."""

import datetime

from django.utils import timezone
from machina.apps.forum_conversation.models import Post, Topic

from community.models import (
    CommunityStoryPage,
    ContributorProfile,
    Idea,
    IdeaVote,
    ModerationCase,
    PageViewDay,
    PostReport,
    TesterApplication,
    VariantVote,
)
from tests.factories import (
    create_campaign,
    create_profile,
    create_reply,
    create_stories_index,
    create_topic,
    create_user,
    set_idea_status,
)

#: Monday 2 to Sunday 29 November 2026: four ISO weeks.
START = datetime.date(2026, 11, 2)
END = datetime.date(2026, 11, 29)
WEEKS = [START + datetime.timedelta(days=7 * n) for n in range(4)]


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime(2026, 11, day, hour))


def _dated(obj, day, field="created_at", hour=12):
    type(obj).objects.filter(pk=obj.pk).update(**{field: at(day, hour)})


def _date_topic(topic, day):
    # After every reply: machina saves the topic again with each post.
    Topic.objects.filter(pk=topic.pk).update(created=at(day))
    Post.objects.filter(pk=topic.first_post_id).update(created=at(day))


def build_campaign(name="soap"):
    """Campaign `name` with four participants, two ideas, one story; see the expected figures."""
    campaign = create_campaign(title=f"Campaign {name}", slug=name, opens_at=at(2, 0))
    alice, bob, carol, dave = (create_user() for _person in range(4))
    first = create_topic(forum=campaign.forum, poster=alice)
    _dated(create_reply(first, poster=bob), 3, "created")
    second = create_topic(forum=campaign.forum, poster=bob)
    set_idea_status(first, "planned")
    idea = Idea.objects.get(topic=first)
    _dated(IdeaVote.objects.create(idea=idea, voter=carol), 10)
    # On 1 November, the day before the period: counted by nothing below.
    _dated(IdeaVote.objects.create(idea=idea, voter=dave), 1)
    for voter, day in ((alice, 3), (dave, 11)):
        vote = VariantVote.objects.create(
            page=campaign, question_id="q", variant_id="v", voter=voter
        )
        _dated(vote, day)
    application = TesterApplication.objects.create(
        page=campaign,
        call_id="c",
        applicant=dave,
        motivation="m",
        availability="a",
        consent_to_contact=True,
    )
    _dated(application, 11)
    newcomer = create_profile(create_user())
    ContributorProfile.objects.filter(pk=newcomer.pk).update(signed_up_via=campaign)
    _dated(newcomer, 4)
    reply = first.posts.exclude(pk=first.first_post_id).get()
    PostReport.objects.create(post=reply, reporter=carol, reason="rude", reported_at=at(12))
    moderator = create_user("moderator")
    for opened, decided, decision in (
        (at(12, 10), at(12, 12), "approved"),
        (at(12, 14), at(13, 14), "rejected"),
    ):
        ModerationCase.objects.create(
            post=reply,
            forum=campaign.forum,
            author=bob,
            subject="s",
            reason="reported",
            opened_at=opened,
            decided_at=decided,
            decision=decision,
            decided_by=moderator,
        )
    story = create_stories_index().add_child(
        instance=CommunityStoryPage(title="Story", slug=f"story-{name}", source_idea=idea)
    )
    _dated(story, 20, "promoted_at")
    PageViewDay.objects.create(page=campaign, day=datetime.date(2026, 11, 3), views=10)
    PageViewDay.objects.create(page=campaign, day=datetime.date(2026, 11, 10), views=5)
    PageViewDay.objects.create(page=story, day=datetime.date(2026, 11, 21), views=7)
    _date_topic(first, 3)
    _date_topic(second, 10)
    return campaign, {"alice": alice, "bob": bob, "carol": carol, "dave": dave, "second": second}


#: Figure → (total, the four weekly points) for the campaign above, over START..END.
EXPECTED_WEEKLY = {
    "participants": (4, [2, 3, 0, 0]),
    "sign_ups": (1, [1, 0, 0, 0]),
    "ideas": (2, [1, 1, 0, 0]),
    "replies": (1, [1, 0, 0, 0]),
    "idea_votes": (1, [0, 1, 0, 0]),
    "variant_votes": (2, [1, 1, 0, 0]),
    "tester_applications": (1, [0, 1, 0, 0]),
    "reports": (1, [0, 1, 0, 0]),
    "approval_rate": (50.0, [None, 50.0, None, None]),
    "median_decision_hours": (13.0, [None, 13.0, None, None]),
    "decisions": (2, [0, 2, 0, 0]),
    "stories": (1, [0, 0, 1, 0]),
    "campaign_views": (15, [10, 5, 0, 0]),
    "story_views": (7, [0, 0, 7, 0]),
}


def grow(campaign, times):
    """`times` more ideas, replies, votes, reports, decisions and days of page views."""
    today = timezone.localdate()
    moderator = create_user("moderator")
    for n in range(times):
        voter = create_user()
        topic = create_topic(forum=campaign.forum, poster=create_user())
        reply = create_reply(topic, poster=create_user())
        set_idea_status(topic, "under-review", acting_user=moderator)
        IdeaVote.objects.create(idea=Idea.objects.get(topic=topic), voter=voter)
        VariantVote.objects.create(page=campaign, question_id="q", variant_id="v", voter=voter)
        PostReport.objects.create(post=reply, reporter=voter, reason="rude")
        ModerationCase.objects.create(
            post=reply,
            forum=campaign.forum,
            subject="s",
            reason="reported",
            decided_at=timezone.now(),
            decision="approved",
            decided_by=moderator,
        )
        PageViewDay.objects.create(page=campaign, day=today - datetime.timedelta(days=n), views=3)

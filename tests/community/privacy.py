"""Privacy test data: a member who took part in everything, beside another member, and checks."""

from dataclasses import dataclass, field

from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic

from community.actions import (
    do_apply_as_tester,
    do_award_badge,
    do_cast_variant_vote,
    do_follow_topic,
    do_notify,
    do_vote_for_idea,
)
from community.models import BadgeKind, CommunityStoryPage, Idea, IdeaVote, NotificationKind
from tests.community.stories import promote
from tests.factories import (
    create_campaign,
    create_profile,
    create_reply,
    create_stories_index,
    create_topic,
    create_user,
    tester_call_block,
    variant_vote_block,
)

DATA_URL = "/community/account/data/"
DELETE_URL = "/community/account/delete/"
MEMBER_EMAIL = "camille.dupont@example.com"
MEMBER_PSEUDONYM = "Fig & Moss"
OTHER_EMAIL = "ana.lima@example.com"
OTHER_PSEUDONYM = "Ana Lima"


@dataclass
class Participation:
    """What `member` and `other` did: ids are kept, as the member's rows may be deleted."""

    member: object
    other: object
    campaigns: list = field(default_factory=list)
    own_topics: list = field(default_factory=list)  # the member's, with a reply by `other`
    solo_topics: list = field(default_factory=list)  # the member's, nobody else wrote in them
    other_topics: list = field(default_factory=list)  # by `other`, with a reply by the member
    member_replies: list = field(default_factory=list)
    story: object = None


def create_members():
    member = create_user(username="camille.dupont", email=MEMBER_EMAIL)
    create_profile(member, pseudonym=MEMBER_PSEUDONYM, display_name="Camille Dupont")
    other = create_user(username="ana.lima", email=OTHER_EMAIL)
    create_profile(other, pseudonym=OTHER_PSEUDONYM)
    return member, other


def _campaign_with_questions():
    campaign = create_campaign(body=[variant_vote_block(), tester_call_block()])
    question_id, question = next(iter(campaign.variant_questions.items()))
    variant_id = question["variants"].bound_blocks[0].id
    return campaign, question_id, variant_id


def take_part(member, other, size=1):
    """`size` campaigns, each with the member's topics, replies, votes and an application."""
    done = Participation(member, other)
    for number in range(size):
        campaign, question_id, variant_id = _campaign_with_questions()
        forum = campaign.forum
        own = create_topic(forum=forum, poster=member, subject=f"Member idea {number}")
        create_reply(own, poster=other, content=f"Other's answer {number}")
        solo = create_topic(forum=forum, poster=member, subject=f"Member solo idea {number}")
        theirs = create_topic(forum=forum, poster=other, subject=f"Other's idea {number}")
        reply = create_reply(theirs, poster=member, content=f"Member reply {number}")
        do_vote_for_idea(theirs, acting_user=member)
        do_vote_for_idea(theirs, acting_user=other)
        do_vote_for_idea(own, acting_user=other)
        do_cast_variant_vote(campaign, question_id, variant_id, acting_user=member)
        do_cast_variant_vote(campaign, question_id, variant_id, acting_user=other)
        call_id = next(iter(campaign.tester_calls))
        do_apply_as_tester(
            campaign,
            call_id,
            acting_user=member,
            motivation=f"I love figs {number}",
            availability="Weekends",
            consent_to_contact=True,
        )
        do_follow_topic(theirs, acting_user=member)
        do_notify(
            [member.pk],
            NotificationKind.REPLY,
            topic=own,
            actor=other,
            subject=own.subject,
        )
        done.campaigns.append(campaign)
        done.own_topics.append(own)
        done.solo_topics.append(solo)
        done.other_topics.append(theirs)
        done.member_replies.append(reply)
    do_award_badge(member, BadgeKind.FIRST_APPROVED_IDEA)
    return done


def publish_story_quoting(done, editor, committed):
    """A live story of the other member's first idea, quoting and crediting the member's reply."""
    create_stories_index()
    story = promote(done.other_topics[0], editor, replies=[done.member_replies[0]])
    with committed():
        story.save_revision(user=editor).publish(user=editor)
    done.story = CommunityStoryPage.objects.get(pk=story.pk)
    return done.story


def assert_vote_counts_match_rows():
    """Every idea's counter equals its vote rows."""
    for idea in Idea.objects.all():
        assert idea.votes_count == IdeaVote.objects.filter(idea=idea).count(), idea


def assert_forum_counters_right():
    """machina's counters (topics, posts, first and last posts) agree with the rows."""
    for topic in Topic.objects.all():
        approved = Post.objects.filter(topic=topic, approved=True).order_by("created", "pk")
        assert topic.posts_count == approved.count(), topic
        assert topic.last_post_id == approved.values_list("pk", flat=True).last(), topic
        first = Post.objects.filter(topic=topic).order_by("created", "pk").first()
        assert topic.first_post_id == first.pk, topic
    for forum in Forum.objects.filter(type=Forum.FORUM_POST):
        topics = Topic.objects.filter(forum=forum, approved=True)
        assert forum.direct_topics_count == topics.count(), forum
        assert forum.direct_posts_count == sum(topic.posts_count for topic in topics), forum

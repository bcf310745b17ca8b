"""The world of the authorisation matrix: one of each role and the objects its rows act on.

`build_world()` makes everything once per test module; each row's request then runs in its own
transaction, rolled back after it, so every case starts from this same state. The "author" owns
the objects the rows aim at (their idea, reply, notification, application, profile…); the
"consumer" is another member, and the "banned" member is banned for good.
"""

import io
from dataclasses import dataclass, field

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from machina.apps.forum_conversation.forum_attachments.models import Attachment
from machina.apps.forum_conversation.forum_polls.models import TopicPoll, TopicPollOption
from machina.apps.forum_conversation.models import Topic
from machina.apps.forum_member.models import ForumProfile
from PIL import Image
from wagtail.models import PageViewRestriction, Site

from brandsite.home.models import HomePage
from brandsite.seo.models import SearchEngineSettings
from community.actions import do_ban_user, do_follow_forum, do_follow_topic, do_vote_for_idea
from community.emails import unsubscribe_token
from community.models import (
    CommunitySettings,
    IdeaStatus,
    ModerationSettings,
    Notification,
    NotificationKind,
    RejectionReason,
    StoryConsent,
    TesterApplication,
    WatchedWord,
)
from tests.community.moderating import held_post
from tests.community.stories import promote, submit
from tests.factories import (
    create_author,
    create_blog_index,
    create_campaign,
    create_profile,
    create_reply,
    create_stories_index,
    create_topic,
    create_user,
    tester_call_block,
    variant_vote_block,
)

ROLES = ("anonymous", "consumer", "author", "banned", "moderator", "editor", "admin")
#: Roles that are consumers in the forum: they hold a vote, follows and a notification each.
MEMBERS = ("consumer", "author", "banned", "moderator", "editor", "admin")


@dataclass
class World:
    """Users by role, and the placeholders the matrix's URLs and forms are filled with."""

    users: dict
    values: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.values[name]

    def user(self, role):
        return self.users.get(role)

    def url(self, template):
        """`template` with its {placeholders} filled in."""
        return template.format_map(
            {name: value() if callable(value) else value for name, value in self.values.items()}
        )


def image_upload(name="avatar.png"):
    """A small PNG, as a browser uploads it."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#7c3aed").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def _topic_path(topic):
    forum = topic.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"


def _users():
    users = {
        role: create_user(role if role in ("moderator", "editor", "admin") else "consumer")
        for role in MEMBERS
    }
    for role, user in users.items():
        create_profile(user, pseudonym=f"The {role}")
        ForumProfile.objects.update_or_create(user=user, defaults={"avatar": f"a/{role}.png"})
    return users


def _campaign_and_topics(world, users):
    campaign = create_campaign(body=[variant_vote_block(), tester_call_block()])
    forum = campaign.forum
    author = users["author"]
    idea = create_topic(forum=forum, poster=author, subject="Refill bottles")
    voted = create_topic(forum=forum, poster=author, subject="Glass jars")
    target = create_topic(forum=forum, subject="Bottles you refill")
    reply = create_reply(idea, poster=author, content="And cork stoppers.")
    locked = create_topic(forum=forum, poster=author, status=Topic.TOPIC_LOCKED)
    sticky = create_topic(forum=forum, poster=author)
    Topic.objects.filter(pk=sticky.pk).update(type=Topic.TOPIC_STICKY)
    for user in users.values():
        do_vote_for_idea(voted, acting_user=user)
        do_follow_topic(voted, acting_user=user)
        do_follow_forum(forum, acting_user=user)
    voted.subscribers.add(*users.values())
    question_id, question = next(iter(campaign.variant_questions.items()))
    call_id = next(block.id for block in campaign.body if block.block_type == "tester_call")
    world.values.update(
        campaign=campaign.pk,
        campaign_url=campaign.url,
        question=question_id,
        variant=question["variants"].bound_blocks[0].id,
        call=call_id,
        forum=forum.pk,
        forum_url=f"/forum/forum/{forum.slug}-{forum.pk}/",
        forum_slug=forum.slug,
        idea=idea.pk,
        idea_url=_topic_path(idea),
        idea_slug=idea.slug,
        voted=voted.pk,
        target=target.pk,
        reply=reply.pk,
        locked=locked.pk,
        locked_slug=locked.slug,
        sticky=sticky.pk,
        sticky_slug=sticky.slug,
    )
    return campaign, forum, idea


def _forum_extras(world, users, forum, idea):
    poll = TopicPoll.objects.create(topic=idea, question="Which cork?", max_options=1)
    option = TopicPollOption.objects.create(poll=poll, text="Natural")
    attachment = Attachment.objects.create(
        post=idea.first_post,
        file=SimpleUploadedFile("notes.txt", b"cork"),
        comment="Notes",
    )
    case = held_post(forum=forum, author=users["author"], content="Held for review.")
    other_forum_topic = create_topic(subject="Elsewhere")
    world.values.update(
        poll=poll.pk,
        option=option.pk,
        attachment=attachment.pk,
        held_post=case.post_id,
        case=case.pk,
        other_forum=other_forum_topic.forum_id,
    )


def _notifications_and_applications(world, users, campaign):
    for user in users.values():
        notification = Notification.objects.create(
            recipient=user, kind=NotificationKind.REPLY, subject="A reply"
        )
        if user == users["author"]:
            world.values["notification"] = notification.pk
    application = TesterApplication.objects.create(
        page=campaign,
        call_id=world["call"],
        applicant=users["author"],
        motivation="I love soap.",
        availability="Weekends",
        consent_to_contact=True,
    )
    world.values["application"] = application.pk


def _story(world, users):
    create_stories_index()
    author = users["author"]
    topic = create_topic(poster=author, subject="Cedar soap")
    reply = create_reply(topic, poster=author, content="Cedar and fig.")
    story = promote(topic, users["editor"], replies=[reply])
    workflow_state = submit(story, users["editor"])
    assert StoryConsent.objects.filter(story=story, user=author).exists()
    world.values.update(story=story.pk, story_task_state=workflow_state.current_task_state.pk)


def _password_reset_key(user):
    user = type(user).objects.get(pk=user.pk)
    return f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"


def _account_keys(world, users):
    author = users["author"]
    address = EmailAddress.objects.create(user=author, email="author.second@example.com")
    index = create_blog_index(title="Members only")
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="fig"
    )
    world.values.update(
        unconfirmed_address=address.pk,
        email_key=EmailConfirmationHMAC(address).key,
        # Made when asked: signing in (as the author does in their case) changes the token.
        reset_key=lambda: _password_reset_key(author),
        unsubscribe_token=unsubscribe_token(author),
        restriction=restriction.pk,
        restricted_page=index.pk,
    )


def _admin_objects(world, users):
    ban = do_ban_user(users["banned"], users["moderator"], "Spam, again and again.")
    group = Group.objects.create(name="Testers")
    world.values.update(
        ban=ban.pk,
        watched_word=WatchedWord.objects.create(word="scam", action="hold").pk,
        rejection_reason=RejectionReason.objects.create(title="Off topic", text="Off topic.").pk,
        idea_status=IdeaStatus.objects.get(slug="planned").pk,
        blog_author=create_author(name="Camille").pk,
        group=group.pk,
        member=users["consumer"].pk,
        home=HomePage.objects.get().pk,
        moderation_settings=ModerationSettings.load().pk,
        community_settings=CommunitySettings.load().pk,
        seo_settings=SearchEngineSettings.load().pk,
        site=Site.objects.get(is_default_site=True).pk,
        missing=999999,
        bad_uid="MTIzNDU",
        bad_token="not-a-token",
    )


def build_world():
    """Every role's user and the objects the matrix acts on; returns the `World`."""
    users = _users()
    world = World(users=users)
    campaign, forum, idea = _campaign_and_topics(world, users)
    _forum_extras(world, users, forum, idea)
    _notifications_and_applications(world, users, campaign)
    _story(world, users)
    _account_keys(world, users)
    _admin_objects(world, users)
    return world

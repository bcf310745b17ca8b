"""What the matrix's rows watch, named in its `watch` column as `probe` or `probe:argument`.

A probe reads the state a row may change, before and after the request; the argument names an
object of the world. An "actor" probe answers per member ({user id: state}): a row done by a
member may change that member's entry and nobody else's. An "object" probe answers the state of
what the row acts on; a "session" probe reads the test client's session.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from machina.apps.forum_conversation.forum_polls.models import TopicPollVote
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_member.models import ForumProfile
from machina.apps.forum_tracking.models import ForumReadTrack, TopicReadTrack
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from brandsite.blog.models import Author
from brandsite.seo.models import SearchEngineSettings
from community.models import (
    Ban,
    CommunityStoryPage,
    ConsentRecord,
    ContributorProfile,
    Follow,
    Idea,
    IdeaStatus,
    IdeaVote,
    ModerationCase,
    Notification,
    PageViewDay,
    PostReport,
    RejectionReason,
    StoryConsent,
    TesterApplication,
    VariantVote,
    WatchedWord,
)

PROBES = {}


def probe(scope):
    """Register the decorated function as a probe of `scope` ("actor", "object" or "session")."""

    def register(function):
        PROBES[function.__name__] = (scope, function)
        return function

    return register


def _per_member(world, queryset, key="user", value=None):
    """{member id: the `value` of their row, True if none is named, or None without a row}."""
    if value is None:
        found = dict.fromkeys(queryset.values_list(key, flat=True), True)
    else:
        found = dict(queryset.values_list(key, value))
    return {user.pk: found.get(user.pk) for user in world.users.values()}


def _count_per_member(world, queryset, key="user"):
    return {user.pk: queryset.filter(**{key: user}).count() for user in world.users.values()}


# What members do for themselves.


@probe("actor")
def idea_votes(world, topic):
    return _per_member(world, IdeaVote.objects.filter(idea_id=world[topic]), "voter")


@probe("actor")
def topic_follows(world, topic):
    return _per_member(world, Follow.objects.filter(topic=world[topic]), value="is_following")


@probe("actor")
def forum_follows(world, forum):
    return _per_member(world, Follow.objects.filter(forum=world[forum]), value="is_following")


@probe("actor")
def reports(world, post):
    return _per_member(world, PostReport.objects.filter(post=world[post]), "reporter")


@probe("actor")
def unread_notifications(world, _argument):
    return _count_per_member(world, Notification.objects.unread(), "recipient")


@probe("actor")
def profile(world, _argument):
    fields = ("pseudonym", "display_name", "credit_preference", "notification_frequency")
    profiles = ContributorProfile.objects.values_list("user", *fields)
    return {pk: tuple(values) for pk, *values in profiles}


@probe("actor")
def avatar(world, _argument):
    return _per_member(world, ForumProfile.objects.all(), value="avatar")


@probe("actor")
def consents(world, _argument):
    return _count_per_member(world, ConsentRecord.objects.all())


@probe("actor")
def variant_votes(world, _argument):
    votes = VariantVote.objects.filter(page=world["campaign"])
    return _per_member(world, votes, "voter", "variant_id")


@probe("actor")
def applications(world, _argument):
    applied = TesterApplication.objects.filter(page=world["campaign"])
    return _count_per_member(world, applied, "applicant")


@probe("actor")
def poll_votes(world, _argument):
    return _per_member(world, TopicPollVote.objects.filter(poll_option=world["option"]), "voter")


@probe("actor")
def subscriptions(world, topic):
    return _per_member(world, Topic.objects.get(pk=world[topic]).subscribers.all(), "pk")


@probe("actor")
def read_marks(world, _argument):
    forums = _count_per_member(world, ForumReadTrack.objects.all())
    topics = _count_per_member(world, TopicReadTrack.objects.all())
    return {pk: (forums[pk], topics[pk]) for pk in forums}


@probe("actor")
def email_addresses(world, _argument):
    return {
        user.pk: sorted(user.emailaddress_set.values_list("email", "verified", "primary"))
        for user in world.users.values()
    }


@probe("actor")
def passwords(world, _argument):
    return _per_member(world, get_user_model().objects.all(), "pk", "password")


@probe("actor")
def accounts(world, _argument):
    return _per_member(world, get_user_model().objects.all(), "pk")


# The object a row acts on.


@probe("object")
def idea(world, topic):
    """A topic's idea (status, merge, votes), state, title, type, forum and first post."""
    topic = Topic.objects.filter(pk=world[topic]).first()
    if topic is None:
        return None
    ideas = Idea.objects.filter(topic=topic).values_list("status", "merged_into", "votes_count")
    first_post = Post.objects.get(pk=topic.first_post_id).content.raw
    return (list(ideas), topic.subject, topic.status, topic.type, topic.forum_id, first_post)


@probe("object")
def topics(world, _argument):
    return sorted(Topic.objects.values_list("pk", "subject", "forum"))


@probe("object")
def posts(world, _argument):
    return sorted(Post.objects.values_list("pk", "content", "approved"))


@probe("object")
def moderation_case(world, _argument):
    case = ModerationCase.objects.filter(pk=world["case"]).values_list("decision", "decided_by")
    post = Post.objects.filter(pk=world["held_post"]).values_list("approved", flat=True)
    return (list(case), list(post))


@probe("object")
def notification(world, name):
    return Notification.objects.get(pk=world[name]).read_at


@probe("object")
def author_notification_emails(world, _argument):
    return ContributorProfile.objects.get(user=world.user("author")).notification_frequency


@probe("object")
def page_views(world, _argument):
    return sorted(PageViewDay.objects.values_list("page", "views"))


@probe("object")
def story_consent(world, _argument):
    return StoryConsent.objects.get(story=world["story"], user=world.user("author")).state


@probe("object")
def application(world, _argument):
    return TesterApplication.objects.get(pk=world["application"]).status


@probe("object")
def bans(world, _argument):
    return sorted(Ban.objects.values_list("pk", "user", "lifted_at"))


@probe("object")
def stories(world, _argument):
    return sorted(CommunityStoryPage.objects.values_list("pk", "source_idea"))


@probe("object")
def page(world, name):
    return list(Page.objects.filter(pk=world[name]).values_list("live", "locked", "title"))


@probe("object")
def confirmed_address(world, _argument):
    return EmailAddress.objects.get(pk=world["unconfirmed_address"]).verified


@probe("object")
def mails(world, _argument):
    return len(mail.outbox)


TABLES = {
    "watched_words": (WatchedWord, ("pk", "word", "action")),
    "rejection_reasons": (RejectionReason, ("pk", "title", "text")),
    "idea_statuses": (IdeaStatus, ("pk", "name", "slug", "colour")),
    "blog_authors": (Author, ("pk", "name")),
    "groups": (Group, ("pk", "name")),
    "users": (get_user_model(), ("pk", "username", "email", "first_name", "is_active")),
    "seo_settings": (SearchEngineSettings, ("pk", "min_replies", "min_votes")),
    "images": (get_image_model(), ("pk", "title", "file")),
    "documents": (get_document_model(), ("pk", "title", "file")),
}


@probe("object")
def rows(world, table):
    """Every row of one of `TABLES`, as the admin screens change them."""
    model, fields = TABLES[table]
    return sorted(model.objects.values_list(*fields))


@probe("session")
def signed_in(client):
    return client.session.get("_auth_user_id")

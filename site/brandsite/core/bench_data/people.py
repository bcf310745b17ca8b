"""Bench accounts, in bulk: verified consumers with profiles and consents, and one moderator."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db.models import Count
from machina.apps.forum_conversation.models import Post
from machina.apps.forum_member.models import ForumProfile

from community.models import (
    CommunitySettings,
    ConsentDocument,
    ConsentRecord,
    ContributorProfile,
    CreditPreference,
)
from community.roles import CONSUMERS, MODERATORS

from . import PASSWORD, PREFIX

BATCH = 1000
MODERATOR_USERNAME = f"{PREFIX}moderator"


def username(number):
    """The bench consumer number `number` (from 1): the bench signs in as the first ones."""
    return f"{PREFIX}user-{number}"


def create_users(count):
    """`count` verified consumers and a moderator, all with the bench password; returns their ids.

    One password hash serves every account: hashing thousands would take minutes.
    """
    User = get_user_model()
    password = make_password(PASSWORD)
    users = [
        User(username=username(number), email=f"{username(number)}@example.com", password=password)
        for number in range(1, count + 1)
    ]
    users.append(User(username=MODERATOR_USERNAME, email=f"{MODERATOR_USERNAME}@example.com"))
    users[-1].password = password
    User.objects.bulk_create(users, batch_size=BATCH)
    users = list(User.objects.filter(username__startswith=PREFIX).order_by("pk"))
    _join_groups(users)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH,
    )
    _profiles_and_consents(users)
    return [user.pk for user in users if user.username != MODERATOR_USERNAME]


def _join_groups(users):
    Membership = get_user_model().groups.through
    consumers = Group.objects.get(name=CONSUMERS)
    moderators = Group.objects.get(name=MODERATORS)
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=user.pk,
                group_id=(moderators if user.username == MODERATOR_USERNAME else consumers).pk,
            )
            for user in users
        ],
        batch_size=BATCH,
    )


def _profiles_and_consents(users):
    """Profiles credited by pseudonym, and the consents a sign-up records (community.actions)."""
    ContributorProfile.objects.bulk_create(
        [
            ContributorProfile(
                user=user,
                pseudonym=f"Bench member {user.pk}",
                credit_preference=CreditPreference.PSEUDONYM,
            )
            for user in users
        ],
        batch_size=BATCH,
    )
    versions = CommunitySettings.load().required_versions()
    records = []
    for user in users:
        records += [
            ConsentRecord(user=user, document=document, version=version, given=True)
            for document, version in versions.items()
        ]
        records.append(ConsentRecord(user=user, document=ConsentDocument.MARKETING, given=False))
    ConsentRecord.objects.bulk_create(records, batch_size=BATCH)


def sync_forum_profiles():
    """machina's profiles of bench members with their post counts (its signals count one by one)."""
    ForumProfile.objects.filter(user__username__startswith=PREFIX).delete()
    counts = (
        Post.objects.filter(poster__username__startswith=PREFIX, approved=True)
        .values("poster")
        .annotate(posts=Count("pk"))
    )
    ForumProfile.objects.bulk_create(
        [ForumProfile(user_id=row["poster"], posts_count=row["posts"]) for row in counts],
        batch_size=BATCH,
    )

"""The rate limits of the site, one row per surface that signs in, checks a password, sends
e-mail or writes for a member: its address, the form data of the n-th request, how many requests
the limit lets through, how the next one is refused, and what a request that goes through changes.

tests/test_rate_limits.py drives each row past its limit. A new surface gets a row here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from machina.apps.forum_conversation.forum_polls.models import (
    TopicPoll,
    TopicPollOption,
    TopicPollVote,
)
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from community.models import Follow, IdeaVote, PostReport, VariantVote
from tests.factories import (
    DEFAULT_PASSWORD,
    create_campaign,
    create_reply,
    create_topic,
    create_user,
)

TOO_MANY_FAILURES = "Too many failed login attempts"
TOO_MANY_REQUESTS = "Be patient, you are sending too many requests."
SILENTLY = None  # The request answers as usual, and sends nothing.


class World:
    """What the surfaces act on, made on first use: each row pays only for what it needs."""

    def __init__(self, client):
        self.client = client

    @cached_property
    def member(self):
        """The account signed in to, and the one signed in as on members' surfaces."""
        return create_user(email="member@example.com")

    @cached_property
    def unconfirmed_address(self):
        """A second address of the member's, waiting for confirmation."""
        return EmailAddress.objects.create(user=self.member, email="second@example.com").email

    @cached_property
    def editor(self):
        return create_user("editor", email="editor@example.com")

    @cached_property
    def campaign(self):
        return create_campaign()

    @cached_property
    def variants(self):
        question_id, question = next(iter(self.campaign.variant_questions.items()))
        return question_id, [variant.id for variant in question["variants"].bound_blocks]

    @cached_property
    def topic(self):
        """Someone else's idea in the campaign's forum."""
        return create_topic(forum=self.campaign.forum)

    @cached_property
    def own_topic(self):
        return create_topic(forum=self.campaign.forum, poster=self.member)

    @cached_property
    def own_reply(self):
        return create_reply(self.topic, self.member)

    @cached_property
    def others_replies(self):
        return [create_reply(self.topic) for _reply in range(10)]

    @cached_property
    def poll_options(self):
        poll = TopicPoll.objects.create(topic=self.topic, question="Which?", user_changes=True)
        return [TopicPollOption.objects.create(poll=poll, text=text) for text in ("Fig", "Iris")]

    @cached_property
    def page_restriction(self):
        page = Page.objects.get(depth=2)
        return PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="fig-and-iris"
        )

    @cached_property
    def collection_restriction(self):
        return CollectionViewRestriction.objects.create(
            collection=Collection.get_first_root_node(),
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="fig-and-iris",
        )

    @cached_property
    def new_password_url(self):
        """The reset link's form, where a new password is chosen (the key is in the session)."""
        key = default_token_generator.make_token(self.member)
        uid = user_pk_to_url_str(self.member)
        return self.client.get(f"/accounts/password/reset/key/{uid}-{key}/").url

    def session_list(self, key):
        return list(self.client.session.get(key, []))

    def password_of(self, user):
        return get_user_model().objects.values_list("password", flat=True).get(pk=user.pk)


@dataclass(frozen=True)
class Surface:
    name: str
    url: Callable  # (world, n) -> the address of the n-th request
    data: Callable  # (world, n) -> its form data
    limit: int  # requests that go through before the next is refused
    refusal: int | str | None  # the status, the form error shown, or SILENTLY
    written: Callable = field(default=lambda world: ())  # what a request that goes through changes
    signed_in: bool = False  # as world.member
    from_many_addresses: bool = False  # each request from another address
    method: str = "POST"


def login(email, password):
    return {"login": email, "password": password}


def admin_login(email, password):
    return {"username": email, "password": password}


def alternate(n, *choices):
    return choices[n % len(choices)]


def toggle(n, url):
    return (
        url if n % 2 == 0 else url.replace("/follow/", "/unfollow/").replace("/vote/", "/unvote/")
    )


def new_topic_url(forum):
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/create/"


def topic_url(topic):
    return f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"


def sign_up(n):
    return {
        "email": f"newcomer{n}@example.com",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
        "credit_preference": "anonymous",
        "accept_terms": "on",
        "accept_licence": "on",
    }


def page_password(password):
    return {"password": password, "return_url": "/"}


SURFACES = [
    # Accounts: allauth's views and the Wagtail admin's sign-in (ACCOUNT_RATE_LIMITS).
    Surface(
        "sign-in failures per account (allauth)",
        lambda world, n: "/accounts/login/",
        lambda world, n: login(world.member.email, "wrong" if n < 5 else DEFAULT_PASSWORD),
        limit=5,
        refusal=TOO_MANY_FAILURES,
        from_many_addresses=True,
    ),
    Surface(
        "sign-in failures per account (Wagtail admin)",
        lambda world, n: "/admin/login/",
        lambda world, n: admin_login(world.editor.email, "wrong" if n < 5 else DEFAULT_PASSWORD),
        limit=5,
        refusal=TOO_MANY_FAILURES,
        from_many_addresses=True,
    ),
    Surface(
        "sign-in failures per address (allauth)",
        lambda world, n: "/accounts/login/",
        lambda world, n: (
            login(f"nobody{n}@example.com", "wrong")
            if n < 10
            else login(world.member.email, DEFAULT_PASSWORD)
        ),
        limit=10,
        refusal=TOO_MANY_FAILURES,
    ),
    Surface(
        "sign-in failures per address (Wagtail admin)",
        lambda world, n: "/admin/login/",
        lambda world, n: (
            admin_login(f"nobody{n}@example.com", "wrong")
            if n < 10
            else admin_login(world.editor.email, DEFAULT_PASSWORD)
        ),
        limit=10,
        refusal=TOO_MANY_FAILURES,
    ),
    Surface(
        "sign-in attempts per address (allauth)",
        lambda world, n: "/accounts/login/",
        lambda world, n: login("", "") if n < 30 else login(world.member.email, DEFAULT_PASSWORD),
        limit=30,
        refusal=429,
    ),
    Surface(
        "sign-in attempts per address (Wagtail admin)",
        lambda world, n: "/admin/login/",
        lambda world, n: (
            admin_login("", "") if n < 30 else admin_login(world.editor.email, DEFAULT_PASSWORD)
        ),
        limit=30,
        refusal=TOO_MANY_REQUESTS,
    ),
    Surface(
        "sign-ups per address",
        lambda world, n: "/accounts/signup/",
        lambda world, n: sign_up(n),
        limit=20,
        refusal=429,
        written=lambda world: get_user_model().objects.count(),
    ),
    Surface(
        "password reset e-mails per account",
        lambda world, n: "/accounts/password/reset/",
        lambda world, n: {"email": world.member.email},
        limit=5,
        refusal=429,
    ),
    Surface(
        "password reset e-mails per address",
        lambda world, n: "/accounts/password/reset/",
        lambda world, n: {"email": f"someone{n}@example.com" if n < 20 else world.member.email},
        limit=20,
        refusal=429,
    ),
    Surface(
        "new passwords from a reset link per address",
        lambda world, n: world.new_password_url,
        lambda world, n: (
            {"password1": "a new passphrase", "password2": "a new passphrase"}
            if n == 20
            else {"password1": "a new passphrase", "password2": "mistyped"}
        ),
        limit=20,
        refusal=429,
        written=lambda world: world.password_of(world.member),
    ),
    Surface(
        "confirmation e-mails sent again per address",
        lambda world, n: "/accounts/email/",
        lambda world, n: {"action_send": "", "email": world.unconfirmed_address},
        limit=1,
        refusal=SILENTLY,
        signed_in=True,
    ),
    Surface(
        "e-mail address changes per member",
        lambda world, n: "/accounts/email/",
        lambda world, n: {"action_add": "", "email": f"extra{n}@example.com"},
        limit=10,
        refusal=429,
        written=lambda world: EmailAddress.objects.count(),
        signed_in=True,
    ),
    Surface(
        "password changes per member",
        lambda world, n: "/accounts/password/change/",
        lambda world, n: {
            "oldpassword": "wrong" if n < 5 else DEFAULT_PASSWORD,
            "password1": "a new passphrase",
            "password2": "a new passphrase",
        },
        limit=5,
        refusal=429,
        written=lambda world: world.password_of(world.member),
        signed_in=True,
    ),
    Surface(
        "reauthentications per member",
        lambda world, n: "/accounts/reauthenticate/",
        lambda world, n: {"password": DEFAULT_PASSWORD},
        limit=10,
        refusal=429,
        written=lambda world: world.session_list("account_authentication_methods"),
        signed_in=True,
    ),
    Surface(
        "account deletion passwords per account",
        lambda world, n: "/community/account/delete/",
        lambda world, n: {"posts": "keep", "password": "wrong" if n < 5 else DEFAULT_PASSWORD},
        limit=5,
        refusal=TOO_MANY_FAILURES,
        written=lambda world: get_user_model().objects.filter(pk=world.member.pk).exists(),
        signed_in=True,
    ),
    Surface(
        "private page passwords per address",
        lambda world, n: (
            f"/_util/authenticate_with_password/{world.page_restriction.pk}/"
            f"{world.page_restriction.page_id}/"
        ),
        lambda world, n: page_password("guess" if n < 10 else "fig-and-iris"),
        limit=10,
        refusal=429,
        written=lambda world: world.session_list(
            PageViewRestriction.passed_view_restrictions_session_key
        ),
    ),
    Surface(
        "private page passwords per page, from many addresses",
        lambda world, n: (
            f"/_util/authenticate_with_password/{world.page_restriction.pk}/"
            f"{world.page_restriction.page_id}/"
        ),
        lambda world, n: page_password("guess" if n < 100 else "fig-and-iris"),
        limit=100,
        refusal=429,
        written=lambda world: world.session_list(
            PageViewRestriction.passed_view_restrictions_session_key
        ),
        from_many_addresses=True,
    ),
    Surface(
        "private document passwords per address",
        lambda world, n: (
            f"/documents/authenticate_with_password/{world.collection_restriction.pk}/"
        ),
        lambda world, n: page_password("guess" if n < 10 else "fig-and-iris"),
        limit=10,
        refusal=429,
        written=lambda world: world.session_list(
            CollectionViewRestriction.passed_view_restrictions_session_key
        ),
    ),
    # The community: per member (COMMUNITY_RATE_LIMITS).
    Surface(
        "new topics",
        lambda world, n: new_topic_url(world.campaign.forum),
        lambda world, n: {
            "subject": f"Refill station {n}",
            "content": "Glass, with a deposit.",
            "topic_type": "0",
            "post_despite_similar_ideas": "1",
        },
        limit=6,
        refusal=429,
        written=lambda world: Topic.objects.count(),
        signed_in=True,
    ),
    Surface(
        "replies",
        lambda world, n: topic_url(world.topic) + "post/create/",
        lambda world, n: {"subject": "Re", "content": f"Answer {n}"},
        limit=6,
        refusal=429,
        written=lambda world: Post.objects.count(),
        signed_in=True,
    ),
    Surface(
        "topic edits",
        lambda world, n: topic_url(world.own_topic) + "update/",
        lambda world, n: {"subject": "Refills", "content": f"Edit {n}", "topic_type": "0"},
        limit=6,
        refusal=429,
        written=lambda world: Post.objects.get(pk=world.own_topic.first_post_id).content.raw,
        signed_in=True,
    ),
    Surface(
        "reply edits",
        lambda world, n: topic_url(world.topic) + f"{world.own_reply.pk}/post/update/",
        lambda world, n: {"subject": "Re", "content": f"Edit {n}"},
        limit=6,
        refusal=429,
        written=lambda world: Post.objects.get(pk=world.own_reply.pk).content.raw,
        signed_in=True,
    ),
    Surface(
        "poll votes",
        lambda world, n: f"/forum/poll/{world.poll_options[0].poll_id}/vote/",
        lambda world, n: {"options": [alternate(n, *world.poll_options).pk]},
        limit=30,
        refusal=429,
        written=lambda world: list(TopicPollVote.objects.values_list("poll_option", flat=True)),
        signed_in=True,
    ),
    Surface(
        "idea votes and withdrawals",
        lambda world, n: toggle(n, f"/community/ideas/{world.topic.pk}/vote/"),
        lambda world, n: {},
        limit=30,
        refusal=429,
        written=lambda world: IdeaVote.objects.count(),
        signed_in=True,
    ),
    Surface(
        "variant votes",
        lambda world, n: f"{world.campaign.url}vote/{world.variants[0]}/",
        lambda world, n: {"variant": alternate(n, *world.variants[1][:2])},
        limit=30,
        refusal=429,
        written=lambda world: list(VariantVote.objects.values_list("variant_id", flat=True)),
        signed_in=True,
    ),
    Surface(
        "reports",
        lambda world, n: f"/community/posts/{world.others_replies[n].pk}/report/",
        lambda world, n: {"reason": "Spam"},
        limit=5,
        refusal=429,
        written=lambda world: PostReport.objects.count(),
        signed_in=True,
    ),
    Surface(
        "idea follows and unfollows",
        lambda world, n: toggle(n, f"/community/ideas/{world.topic.pk}/follow/"),
        lambda world, n: {},
        limit=30,
        refusal=429,
        written=lambda world: list(Follow.objects.values_list("is_following", flat=True)),
        signed_in=True,
    ),
    Surface(
        "forum follows and unfollows",
        lambda world, n: toggle(n, f"/community/forums/{world.campaign.forum_id}/follow/"),
        lambda world, n: {},
        limit=30,
        refusal=429,
        written=lambda world: list(Follow.objects.values_list("is_following", flat=True)),
        signed_in=True,
    ),
]

"""Builders for test data: `create_x(**attrs)` returns a saved object with sensible defaults."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic

from community.roles import CONSUMERS, EDITORS, MODERATORS

DEFAULT_PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)

ROLE_GROUPS = {"consumer": CONSUMERS, "moderator": MODERATORS, "editor": EDITORS, "admin": None}


def create_user(role="consumer", password=DEFAULT_PASSWORD, **attrs):
    """A user with a verified e-mail address, in the group of `role`."""
    from allauth.account.models import EmailAddress

    number = next(_sequence)
    attrs.setdefault("username", f"{role}{number}")
    attrs.setdefault("email", f"{attrs['username']}@example.com")
    if role == "admin":
        attrs.setdefault("is_superuser", True)
        attrs.setdefault("is_staff", True)
    user = get_user_model().objects.create_user(password=password, **attrs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if ROLE_GROUPS[role]:
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return user


def create_forum(**attrs):
    """A postable forum, in a new category unless `parent` is given."""
    number = next(_sequence)
    if "parent" not in attrs:
        attrs["parent"] = Forum.objects.create(name=f"Category {number}", type=Forum.FORUM_CAT)
    attrs.setdefault("name", f"Forum {number}")
    attrs.setdefault("type", Forum.FORUM_POST)
    return Forum.objects.create(**attrs)


def create_topic(forum=None, poster=None, content="An idea worth discussing.", **attrs):
    """An approved topic with its first post."""
    forum = forum or create_forum()
    poster = poster or create_user()
    attrs.setdefault("subject", f"Topic {next(_sequence)}")
    attrs.setdefault("approved", True)
    attrs.setdefault("status", Topic.TOPIC_UNLOCKED)
    topic = Topic.objects.create(forum=forum, poster=poster, type=Topic.TOPIC_POST, **attrs)
    Post.objects.create(
        topic=topic,
        poster=poster,
        subject=topic.subject,
        content=content,
        approved=attrs["approved"],
    )
    topic.refresh_from_db()
    return topic


def variant_vote_block(
    question="Which scent should we launch?", labels=("Fig", "Vetiver", "Orange"), **attrs
):
    """The raw StreamField data of a variant vote with stable ids."""
    import uuid

    return {
        "type": "variant_vote",
        "id": str(uuid.uuid4()),
        "value": {
            "asset_kind": attrs.get("asset_kind", "scent"),
            "question": question,
            "show_results": attrs.get("show_results", "after_vote"),
            "variants": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {"label": label, "image": None, "colour": "", "description": ""},
                }
                for label in labels
            ],
        },
    }


def tester_call_block(heading="Test our new soap"):
    import uuid

    return {
        "type": "tester_call",
        "id": str(uuid.uuid4()),
        "value": {"heading": heading, "description": "Ten testers, one month.", "places": 10},
    }


def create_campaign_index(parent=None, **attrs):
    from brandsite.home.models import HomePage
    from community.models import CampaignIndexPage

    parent = parent or HomePage.objects.get()
    attrs.setdefault("title", "Campaigns")
    attrs.setdefault("slug", f"campaigns-{next(_sequence)}")
    index = CampaignIndexPage(**attrs)
    parent.add_child(instance=index)
    return index


def create_campaign(parent=None, body=None, live=True, **attrs):
    """A campaign page, published by default, open since yesterday for a month."""
    import json
    from datetime import timedelta

    from django.utils import timezone

    from community.models import CampaignPage

    parent = parent or create_campaign_index()
    now = timezone.now()
    number = next(_sequence)
    attrs.setdefault("title", f"Campaign {number}")
    attrs.setdefault("slug", f"campaign-{number}")
    attrs.setdefault("intro", "Help us choose.")
    attrs.setdefault("what_is_asked", "Vote for your favourite.")
    attrs.setdefault("opens_at", now - timedelta(days=1))
    attrs.setdefault("closes_at", now + timedelta(days=30))
    campaign = CampaignPage(
        body=json.dumps(body if body is not None else [variant_vote_block()]), **attrs
    )
    parent.add_child(instance=campaign)
    revision = campaign.save_revision()
    if live:
        revision.publish()
    else:
        campaign.unpublish()
    campaign.refresh_from_db()
    return campaign


def create_blog_index(parent=None, **attrs):
    """A live blog index page, under the home page unless `parent` is given."""
    from brandsite.blog.models import BlogIndexPage
    from brandsite.home.models import HomePage

    parent = parent or HomePage.objects.get()
    number = next(_sequence)
    attrs.setdefault("title", f"Blog {number}")
    attrs.setdefault("slug", f"blog-{number}")
    return parent.add_child(instance=BlogIndexPage(**attrs))


def create_author(**attrs):
    """A blog author snippet."""
    from brandsite.blog.models import Author

    attrs.setdefault("name", f"Author {next(_sequence)}")
    return Author.objects.create(**attrs)


def create_blog_post(index=None, tags=(), authors=(), **attrs):
    """A live blog post (pass live=False for a draft) signed by `authors` in that order."""
    from brandsite.blog.models import BlogPage, BlogPageAuthor

    index = index or create_blog_index()
    number = next(_sequence)
    attrs.setdefault("title", f"Post {number}")
    attrs.setdefault("slug", f"post-{number}")
    attrs.setdefault("intro", f"What post {number} is about.")
    post = BlogPage(**attrs)
    post.tags.add(*tags)
    for author in authors:
        post.blog_authors.add(BlogPageAuthor(author=author))
    return index.add_child(instance=post)


def set_idea_status(topic, slug, reason="", acting_user=None):
    """Give `topic`'s idea the status of `slug` through the action, as a new moderator."""
    from community.actions import do_set_idea_status
    from community.models import IdeaStatus

    status = IdeaStatus.objects.get(slug=slug)
    return do_set_idea_status(
        topic, status, reason=reason, acting_user=acting_user or create_user("moderator")
    )


def create_profile(user=None, **attrs):
    """A contributor profile (credited by pseudonym unless told), with its sign-up consents."""
    from community.actions import do_record_sign_up

    user = user or create_user()
    attrs.setdefault("credit_preference", "pseudonym")
    if attrs["credit_preference"] == "pseudonym":
        attrs.setdefault("pseudonym", f"Pseudonym {next(_sequence)}")
    do_record_sign_up(user, accepted_terms=True, accepted_licence=True, **attrs)
    return user.contributor_profile


def create_stories_index(parent=None, **attrs):
    """A live community stories index, under the home page unless `parent` is given."""
    from brandsite.home.models import HomePage
    from community.models import CommunityStoriesIndexPage

    parent = parent or HomePage.objects.get()
    number = next(_sequence)
    attrs.setdefault("title", f"Stories {number}")
    attrs.setdefault("slug", f"stories-{number}")
    return parent.add_child(instance=CommunityStoriesIndexPage(**attrs))


def create_reply(topic, poster=None, content="I agree, and here is why.", approved=True):
    """A reply in `topic`, approved unless told."""
    poster = poster or create_user()
    return Post.objects.create(
        topic=topic,
        poster=poster,
        subject=f"Re: {topic.subject}",
        content=content,
        approved=approved,
    )

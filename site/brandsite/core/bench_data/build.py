"""Build, grow and remove the bench data set; see the package docstring."""

import random

from django.contrib.auth import get_user_model
from django.db import transaction
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.forum_attachments.models import Attachment
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.images import get_image_model
from wagtail.models import Page

from brandsite.blog.models import Author
from community.models import ModerationCase, PostReport

from . import PREFIX, forums, pages, people


def exists():
    """Whether bench data is already in the database."""
    return (
        get_user_model().objects.filter(username__startswith=PREFIX).exists()
        or Forum.objects.filter(name__startswith=PREFIX).exists()
        or Page.objects.filter(slug__startswith=PREFIX).exists()
    )


@transaction.atomic
def generate(sizes):
    """Create the bench data set of `sizes`; returns what the bench reads, by name."""
    rng = random.Random(sizes.seed)  # noqa: S311 - seeded: the same data set every run
    user_ids = people.create_users(sizes.users)
    campaigns = pages.create_campaigns(sizes.campaigns)
    # The campaigns' forums come last: the 10-post topic (promoted to a story) is a campaign idea.
    all_forums = forums.add_forums(sizes.forums - sizes.campaigns)
    all_forums += [Forum.objects.get(pk=campaign.forum_id) for campaign in campaigns]
    topics = forums.create_topics(forums.standard_plan(all_forums, sizes, rng), user_ids, rng)
    forums.update_counters(all_forums)
    people.sync_forum_profiles()
    forums.create_votes(topics, user_ids, sizes.votes, rng)
    moderator = get_user_model().objects.get(username=people.MODERATOR_USERNAME)
    story = pages.create_story(Topic.objects.get(pk=topics[1].pk), moderator)
    return {
        "campaign": campaigns[0],
        "blog_post": pages.create_blog_post(),
        "story": story,
        "big_topic": Topic.objects.get(pk=topics[0].pk),
        "small_topic": Topic.objects.get(pk=topics[1].pk),
    }


@transaction.atomic
def grow_forums(total, posts_per_topic, seed=1):
    """Add bench forums, each with one topic, until the forum index lists `total` forums.

    The bench measures the forum index at two sizes in one run this way. Returns the number
    of forums added.
    """
    missing = total - Forum.objects.filter(type=Forum.FORUM_POST).count()
    if missing <= 0:
        return 0
    rng = random.Random(seed)  # noqa: S311 - seeded: the same forums every run
    added = forums.add_forums(missing)
    user_ids = list(
        get_user_model()
        .objects.filter(username__startswith=f"{PREFIX}user-")
        .values_list("pk", flat=True)
    )
    forums.create_topics(forums.one_topic_each(added, posts_per_topic, rng), user_ids, rng)
    forums.update_counters(added)
    people.sync_forum_profiles()
    return len(added)


@transaction.atomic
def reset():
    """Delete everything the bench created (pages, forums and their content, accounts)."""
    for page in Page.objects.filter(slug__startswith=PREFIX, depth=3):
        page.delete()  # Wagtail deletes the subtree: campaigns, blog posts, stories
    bench_forums = Forum.objects.filter(name__startswith=PREFIX)
    topics = Topic.objects.filter(forum__in=bench_forums)
    posts = Post.objects.filter(topic__in=topics)
    bench_forums.update(last_post=None)
    topics.update(first_post=None, last_post=None)
    for model in (ModerationCase, PostReport, Attachment):
        model.objects.filter(post__in=posts).delete()
    # One statement: machina's signals would update a member's post count once per post, and
    # the members are deleted below anyway.
    posts._raw_delete(posts.db)
    for category in bench_forums.filter(level=0):
        category.delete()  # and its forums, their topics and ideas
    bench_forums.delete()  # the campaigns' forums, under the shared "Campaigns" category
    get_user_model().objects.filter(username__startswith=PREFIX).delete()
    Author.objects.filter(name__startswith=PREFIX).delete()
    get_image_model().objects.filter(title__startswith=PREFIX).delete()

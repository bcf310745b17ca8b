"""Bench forums, topics, posts and idea votes, inserted in bulk with machina's counters right."""

from django.db.models import Count, OuterRef, Subquery
from django.utils.text import slugify
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic
from machina.models.fields import render_func

from community.models import Idea, IdeaVote

from . import PREFIX

BATCH = 1000
CATEGORY_NAME = f"{PREFIX}forums"
BIG_TOPIC = f"{PREFIX}topic-1000-posts"
SMALL_TOPIC = f"{PREFIX}topic-10-posts"
#: A word in one post text of twelve: the search page looks for it.
SEARCH_WORD = "bergamot"
SUBJECT_WORDS = (
    ("fig", "vetiver", "cedar", "rose", "mint", "oat", "honey", "clay", "sea salt", "lavender"),
    ("soap", "shampoo bar", "refill pouch", "gift box", "travel tin", "body oil", "candle"),
)
POST_TEXTS = (
    "I would love a **fig** soap that smells like the orchard in August.",
    "Please keep the bars unwrapped, or wrapped in paper: no plastic.",
    "A travel tin that closes well would make the shampoo bar perfect for the gym.",
    f"What about a {SEARCH_WORD} and cedar blend? Fresh but not sharp.",
    "My skin is dry in winter: an oat and honey bar would be lovely.",
    "I agree with the idea above, and a refill pouch would halve what I throw away.",
    "Could the gift box hold three small bars instead of two big ones?",
    "Sea salt scrubs are too rough for me; a softer clay bar, maybe?\n\n- less scent\n- more foam",
    "The lavender one sells out every time in our shop, please make more of it.",
    "Thank you for asking us! I voted for the mint.",
    "A candle with the same scent as the soap would make a nice set.",
    "Longer-lasting bars matter more to me than new scents.",
)


def _subject(number, rng):
    first, second = SUBJECT_WORDS
    return f"{PREFIX}topic-{number}: a {rng.choice(first)} {rng.choice(second)}"


def bench_category():
    """The category that holds the bench's own forums (campaigns have theirs)."""
    category = Forum.objects.filter(name=CATEGORY_NAME, type=Forum.FORUM_CAT).first()
    return category or Forum.objects.create(name=CATEGORY_NAME, type=Forum.FORUM_CAT)


def add_forums(count):
    """`count` more postable forums in the bench category, numbered after the existing ones."""
    category = bench_category()
    start = category.get_children().count() + 1
    return [
        Forum.objects.create(
            parent=category,
            name=f"{PREFIX}forum-{number}",
            type=Forum.FORUM_POST,
            description=f"Bench forum {number}: ideas for our next products.",
        )
        for number in range(start, start + count)
    ]


def standard_plan(forums, sizes, rng):
    """What `create_topics` makes: (subject, forum, posts) of every topic of the data set.

    The 1000-post topic comes first, in `forums[0]`; the 10-post topic second, in `forums[-1]`
    (a campaign's forum); the others are spread evenly over `forums`.
    """
    plan = [(BIG_TOPIC, forums[0], 1000), (SMALL_TOPIC, forums[-1], 10)]
    return plan + [
        (_subject(number, rng), forums[number % len(forums)], sizes.posts_per_topic)
        for number in range(3, sizes.topics + 1)
    ]


def one_topic_each(forums, posts_per_topic, rng):
    """A plan of one topic per forum, numbered after the bench topics that exist."""
    start = Topic.objects.filter(subject__startswith=PREFIX).count() + 1
    return [
        (_subject(start + offset, rng), forum, posts_per_topic)
        for offset, forum in enumerate(forums)
    ]


def create_topics(plan, user_ids, rng):
    """The topics of `plan` with their posts, approved; returns the topics in plan order."""
    topics = Topic.objects.bulk_create(
        [
            Topic(
                forum=forum,
                poster_id=rng.choice(user_ids),
                subject=subject,
                slug=slugify(subject),  # as Topic.save() does; bulk_create bypasses it
                type=Topic.TOPIC_POST,
                status=Topic.TOPIC_UNLOCKED,
                approved=True,
            )
            for subject, forum, _posts in plan
        ],
        batch_size=BATCH,
    )
    _create_posts(topics, [posts for _subject, _forum, posts in plan], user_ids, rng)
    return topics


def _create_posts(topics, posts_per_topic, user_ids, rng):
    # Rendered once per text: machina renders on pre_save, which bulk_create does not send.
    rendered = [render_func(text) for text in POST_TEXTS]
    posts = []
    for topic, count in zip(topics, posts_per_topic, strict=True):
        for number in range(count):
            text = rng.randrange(len(POST_TEXTS))
            posts.append(
                Post(
                    topic=topic,
                    poster_id=topic.poster_id if number == 0 else rng.choice(user_ids),
                    subject=topic.subject if number == 0 else f"Re: {topic.subject}",
                    content=POST_TEXTS[text],
                    _content_rendered=rendered[text],
                    approved=True,
                )
            )
    Post.objects.bulk_create(posts, batch_size=BATCH)


def update_counters(forums):
    """machina's trackers, as its update_trackers() sets them, for every topic and forum.

    Topics are updated in one statement; forums (few) through machina's own method.
    """
    approved = Post.objects.filter(topic=OuterRef("pk"), approved=True)
    latest = approved.order_by("-created", "-pk")
    Topic.objects.filter(forum__in=forums).update(
        posts_count=Subquery(
            approved.order_by().values("topic").annotate(count=Count("pk")).values("count")
        ),
        first_post=Subquery(
            Post.objects.filter(topic=OuterRef("pk")).order_by("created", "pk").values("pk")[:1]
        ),
        last_post=Subquery(latest.values("pk")[:1]),
        last_post_on=Subquery(latest.values("created")[:1]),
    )
    for forum in forums:
        forum.refresh_from_db()
        forum.update_trackers()


def create_votes(topics, user_ids, count, rng):
    """`count` idea votes, one per voter and idea, most of them on the first ideas."""
    pairs = set()
    for _attempt in range(count * 20):
        if len(pairs) == count:
            break
        # Cubing skews the choice: a few ideas are popular, most get a vote or two.
        topic = topics[int(len(topics) * rng.random() ** 3)]
        pairs.add((topic.pk, rng.choice(user_ids)))
    pairs = sorted(pairs)
    votes_per_topic = {}
    for topic_id, _voter in pairs:
        votes_per_topic[topic_id] = votes_per_topic.get(topic_id, 0) + 1
    Idea.objects.bulk_create(
        [Idea(topic_id=topic_id, votes_count=votes) for topic_id, votes in votes_per_topic.items()],
        batch_size=BATCH,
    )
    IdeaVote.objects.bulk_create(
        [IdeaVote(idea_id=topic_id, voter_id=voter) for topic_id, voter in pairs],
        batch_size=BATCH,
    )

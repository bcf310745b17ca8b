"""Demo moderation: canned rejection reasons, watched words, and posts waiting in the queue."""

from machina.apps.forum_conversation.models import Post, Topic

from brandsite.core.demo.campaigns import IDEA_SUBJECT
from community.actions import do_hold_post
from community.models import ModerationReason, RejectionReason, WatchedWord, WatchedWordAction

REJECTION_REASONS = {
    "Advertising": "Our forum is for ideas about our products: advertising is not allowed here.",
    "Off topic": "Your message is not about this campaign. Please post it in the right forum.",
    "Personal data": "Your message shares personal details (a phone number, an address): "
    "please keep them private.",
}
WATCHED_WORDS = {"giveaway": WatchedWordAction.HOLD, "casino": WatchedWordAction.BLOCK}

HELD_TOPIC_SUBJECT = "A giveaway for the launch of the new scent?"
HELD_TOPIC_POST = (
    "A **giveaway** of ten bars on launch day would get people talking about the new scent."
)
HELD_REPLY_POST = (
    "I miss vetiver. There is a lovely one at https://scents.example/vetiver: "
    "could you make something like it?"
)


def _held_topic(forum, consumer):
    if Topic.objects.filter(forum=forum, poster=consumer, subject=HELD_TOPIC_SUBJECT).exists():
        return
    topic = Topic.objects.create(
        forum=forum,
        poster=consumer,
        subject=HELD_TOPIC_SUBJECT,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=False,
    )
    post = Post.objects.create(
        topic=topic,
        poster=consumer,
        subject=HELD_TOPIC_SUBJECT,
        content=HELD_TOPIC_POST,
        approved=False,
    )
    do_hold_post(post, ModerationReason.WATCHED_WORD, "giveaway")


def _held_reply(topic, consumer):
    if Post.objects.filter(topic=topic, poster=consumer, content=HELD_REPLY_POST).exists():
        return
    post = Post.objects.create(
        topic=topic,
        poster=consumer,
        subject=f"Re: {topic.subject}",
        content=HELD_REPLY_POST,
        approved=False,
    )
    do_hold_post(post, ModerationReason.LINKS, "https://scents.example/vetiver")


def load_moderation(users_by_name, scent_campaign):
    """Reasons and words brands edit; with DEBUG, two of the demo consumer's posts to review."""
    for title, text in REJECTION_REASONS.items():
        RejectionReason.objects.get_or_create(title=title, defaults={"text": text})
    for word, action in WATCHED_WORDS.items():
        WatchedWord.objects.get_or_create(word=word, defaults={"action": action})
    consumer = users_by_name.get("consumer")
    if consumer is None:
        return
    forum = scent_campaign.forum
    _held_topic(forum, consumer)
    idea_topic = Topic.objects.filter(forum=forum, subject=IDEA_SUBJECT).first()
    if idea_topic is not None:
        _held_reply(idea_topic, consumer)

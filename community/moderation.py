"""Risk-based pre-moderation: whether a new post is published, held for review or refused.

The brand's policy is `ModerationSettings`; watched words are a snippet list. Moderators and
trusted members never wait; a "block" word refuses a post from anyone but a moderator; otherwise
the first rule that matches holds the post, in the order of `premoderate`.
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from machina.apps.forum_conversation.models import Post
from machina.core.loading import get_class

from .models import (
    ModerationCase,
    ModerationDecision,
    ModerationReason,
    ModerationSettings,
    PostReport,
    WatchedWord,
    WatchedWordAction,
)

PUBLISH = "publish"
HOLD = "hold"
BLOCK = "block"

WATCHED_WORDS_CACHE_KEY = "community:watched-words"
#: A web address as people write one: a scheme, "www.", or a markdown or HTML link.
LINK_PATTERN = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.|\]\(|<a\s)\S*", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    """What happens to a post: published, held with a reason and detail, or blocked."""

    outcome: str
    reason: str = ""
    detail: str = ""
    message: str = ""

    @property
    def holds(self):
        return self.outcome == HOLD

    @property
    def blocks(self):
        return self.outcome == BLOCK


PUBLISHED = Verdict(PUBLISH)


def hold(reason, detail=""):
    """A verdict holding the post for review for `reason` (a ModerationReason)."""
    return Verdict(HOLD, reason=reason, detail=str(detail)[:255])


def block(word):
    """A verdict refusing the post, saying which word the community does not accept."""
    message = _("Your message contains a word this community does not accept: “%(word)s”.") % {
        "word": word
    }
    return Verdict(BLOCK, detail=word, message=message)


def watched_words():
    """[(word, action)] of every watched word: one query, then the cache until one changes."""
    words = cache.get(WATCHED_WORDS_CACHE_KEY)
    if words is None:
        words = list(WatchedWord.objects.values_list("word", "action"))
        cache.set(WATCHED_WORDS_CACHE_KEY, words, timeout=None)
    return words


def forget_watched_words():
    """Drop the cached list, after a watched word is added, changed or deleted."""
    cache.delete(WATCHED_WORDS_CACHE_KEY)


def _matches(word, text):
    pattern = r"(?<!\w)" + re.escape(word.strip()) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def find_watched_word(text, action, words=None):
    """The first watched word of `action` found in `text` as a whole word, whatever the case."""
    for word, word_action in watched_words() if words is None else words:
        if word_action == action and word.strip() and _matches(word, text):
            return word
    return None


def find_link(text):
    """The first web address in `text`, or None."""
    match = LINK_PATTERN.search(text or "")
    return match.group(0) if match else None


def author_standing(user):
    """(approved posts, whether a report against them was upheld) of `user`, in one query."""
    approved = (
        Post.objects.filter(poster=OuterRef("pk"), approved=True)
        .order_by()
        .values("poster")
        .annotate(count=Count("pk"))
        .values("count")
    )
    upheld_case = ModerationCase.objects.filter(
        author=OuterRef("pk"),
        reason=ModerationReason.REPORTED,
        decision=ModerationDecision.REJECTED,
    )
    upheld_report = PostReport.objects.filter(post__poster=OuterRef("pk"), upheld=True)
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            approved_posts=Coalesce(Subquery(approved, output_field=IntegerField()), Value(0)),
            upheld_case=Exists(upheld_case),
            upheld_report=Exists(upheld_report),
        )
        .values_list("approved_posts", "upheld_case", "upheld_report")
        .first()
    )
    if row is None:
        return 0, False
    return row[0], row[1] or row[2]


def is_forum_moderator(user, forum, perm_handler=None):
    """Superusers and whoever machina lets approve posts in `forum`."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    handler = perm_handler or get_class("forum_permission.handler", "PermissionHandler")()
    return handler.can_approve_posts(forum, user)


def premoderate(user, forum, subject, content, *, perm_handler=None, policy=None):
    """The verdict on a new post by `user` in `forum` (see the module's docstring)."""
    handler = perm_handler or get_class("forum_permission.handler", "PermissionHandler")()
    if is_forum_moderator(user, forum, handler):
        return PUBLISHED
    text = f"{subject}\n{content}"
    words = watched_words()
    if blocked := find_watched_word(text, WatchedWordAction.BLOCK, words):
        return block(blocked)
    if not user.is_authenticated:
        return hold(ModerationReason.APPROVAL_REQUIRED)
    policy = policy or ModerationSettings.load()
    approved_posts, upheld = author_standing(user)
    if approved_posts >= policy.trusted_after_approved_posts and not upheld:
        return PUBLISHED
    if not handler.can_post_without_approval(forum, user):
        return hold(ModerationReason.APPROVAL_REQUIRED)
    if held := find_watched_word(text, WatchedWordAction.HOLD, words):
        return hold(ModerationReason.WATCHED_WORD, held)
    young = policy.hold_accounts_younger_than
    if young and timezone.now() - user.date_joined < young:
        return hold(ModerationReason.YOUNG_ACCOUNT)
    if approved_posts < policy.hold_first_posts:
        return hold(ModerationReason.NEW_ACCOUNT)
    if policy.hold_posts_with_links and (link := find_link(text)):
        return hold(ModerationReason.LINKS, link)
    return PUBLISHED


def premoderate_edit(user, forum, subject, content, *, perm_handler=None):
    """The verdict on an edit: refused for a "block" word (moderators aside), else published.

    An edit is never held: holding it would hide a post that is already public, with the replies
    that answer it, until a moderator comes; reports are the answer to an abusive edit.
    """
    if is_forum_moderator(user, forum, perm_handler):
        return PUBLISHED
    if blocked := find_watched_word(f"{subject}\n{content}", WatchedWordAction.BLOCK):
        return block(blocked)
    return PUBLISHED

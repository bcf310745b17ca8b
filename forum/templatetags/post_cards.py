"""The posts of a topic page, each rendered once per content generation and reused.

A post's card (subject, byline, content, attachments, signature, the poster's name, avatar and
post count) reads only rows whose changes start a new content generation (posts, topics,
profiles, attachments: brandsite.core.page_cache). What depends on the reader is kept apart:
whether they may download attachments is part of the key, and their controls (edit, delete,
report) are rendered on each request into the card's marked place. Rendering the cards is the
largest part of a topic page; with them kept, a page costs its queries and its frame.
"""

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from brandsite.core.caching import seconds_to_keep
from brandsite.core.page_cache import content_generation

register = template.Library()

#: Cards of an old generation are never read again; they expire after this long.
POST_CARD_CACHE_SECONDS = 10 * 60
#: Where a card's controls go. It comes before any text of the post in the card, so the first
#: occurrence is always the card's own, whatever a post says.
CONTROLS_MARKER = "<!--post-controls-->"


@register.simple_tag(takes_context=True)
def post_cards(context, posts, reported_ids):
    """(post, card) for each of `posts`: the cards from the cache where kept, with the reader's
    controls in them."""
    request = context["request"]
    forum, topic = context["forum"], context["topic"]
    can_download = request.forum_permission_handler.can_download_files(forum, request.user)
    prefix = f"post-card:{content_generation()}:{get_language()}:{int(can_download)}:"
    posts = list(posts)
    found = cache.get_many([f"{prefix}{post.pk}" for post in posts])
    card_template = get_template("forum_conversation/partials/post_card.html")
    controls_template = context.template.engine.get_template(
        "forum_conversation/partials/post_controls.html"
    )
    rendered = {}
    cards = []
    for post in posts:
        key = f"{prefix}{post.pk}"
        card = found.get(key)
        if card is None:
            card = card_template.render(
                {"post": post, "forum": forum, "topic": topic, "can_download": can_download}
            )
            rendered[key] = card
        with context.push(post=post, reported_ids=reported_ids):
            controls = controls_template.render(context)
        # The templates' own output, escaped as they rendered.
        cards.append((post, mark_safe(card.replace(CONTROLS_MARKER, controls, 1))))  # noqa: S308
    if rendered:
        cache.set_many(rendered, seconds_to_keep(POST_CARD_CACHE_SECONDS))
    return cards

"""A deleted account's quotes and credits on stories: named "Anonymous contributor" from then on."""

import copy
import json

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import Revision

from ..models import CommunityStoryPage, StoryConsent, StoryCredit
from ..story_blocks import anonymise_contributor


def _anonymous_name():
    # A story's words are in the site's language, as its promotion wrote them.
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Anonymous contributor")


def stories_naming(user):
    """The stories, drafts included, that may quote or credit `user`."""
    return CommunityStoryPage.objects.filter(
        Q(pk__in=StoryCredit.objects.filter(user=user).values("story_id"))
        | Q(pk__in=StoryConsent.objects.filter(user=user).values("story_id"))
        | Q(source_idea__topic__posts__poster=user)
    ).distinct()


def _anonymise_revision(revision, user_id, name, drop_post_links):
    """Rewrite a revision's body (a JSON string, as StreamField stores it); True if changed."""
    stored = revision.content.get("body")
    body = json.loads(stored) if isinstance(stored, str) else copy.deepcopy(stored or [])
    if not anonymise_contributor(body, user_id, name, drop_post_links=drop_post_links):
        return False
    revision.content["body"] = json.dumps(body) if isinstance(stored, str) else body
    return True


def anonymise_story_credits(user, *, drop_post_links=False):
    """Name `user` "Anonymous contributor" in every version of the stories that name them.

    The page row (the live version, or the draft) and every revision (the history an editor
    could restore) are rewritten in place: nothing is published anew, so a newer draft waiting
    in the story's workflow stays where it is. Returns the stories changed.
    """
    stories = {story.pk: story for story in stories_naming(user)}
    if not stories:
        return []
    name = _anonymous_name()
    changed = set()
    for story in stories.values():
        body = copy.deepcopy(list(story.body.raw_data))
        if anonymise_contributor(body, user.pk, name, drop_post_links=drop_post_links):
            story.body = body
            # A save of the row: the page cache and the search index hear of it as of any edit.
            story.save(update_fields=["body"], clean=False)
            changed.add(story.pk)
    revisions = [
        revision
        for revision in Revision.page_revisions.filter(object_id__in=[str(pk) for pk in stories])
        if _anonymise_revision(revision, user.pk, name, drop_post_links)
    ]
    Revision.objects.bulk_update(revisions, ["content"])
    changed |= {int(revision.object_id) for revision in revisions}
    for story_id in sorted(changed):
        # No user: the story's history says the site did it, not who was anonymised.
        log(instance=stories[story_id], action="community.story.credit_anonymised")
    return [stories[story_id] for story_id in sorted(changed)]

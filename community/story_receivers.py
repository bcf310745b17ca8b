"""Receivers of Wagtail's page signals for stories: set-up, publish and withdraw."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .actions.stories import record_story_published, record_story_unpublished
from .models import CommunityStoriesIndexPage, CommunityStoryPage
from .stories import set_up_stories_index


@receiver(post_save, sender=CommunityStoriesIndexPage, dispatch_uid="community.set_up_index")
def set_up_new_stories_index(sender, instance, created, raw=False, **kwargs):
    """A new stories index gets the story workflow and the moderators' drafting rights."""
    if created and not raw:
        set_up_stories_index(instance)


@receiver(page_published, sender=CommunityStoryPage, dispatch_uid="community.story_published")
def story_published(sender, instance, revision=None, **kwargs):
    """A published story promotes its idea, and tells and credits its contributors.

    Wagtail's signal does not say who published (a workflow, a schedule or a person).
    """
    record_story_published(instance, acting_user=None)


@receiver(page_unpublished, sender=CommunityStoryPage, dispatch_uid="community.story_unpublished")
def story_unpublished(sender, instance, **kwargs):
    """A withdrawn story takes its idea's promotion and its author's badge with it."""
    record_story_unpublished(instance, acting_user=None)

"""Keep the search index entries of forum posts in step with machina's saves and deletes.

machina saves its concrete Post, so Wagtail's own handlers, connected to the indexed proxy,
never hear of it: these do the same for the proxy (`post_save` enqueues the same indexing task
as Wagtail's pages, run by the task worker; deletes are immediate, as in Wagtail).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from machina.apps.forum_conversation.models import Post
from wagtail.search import index
from wagtail.search.tasks import insert_or_update_object_task

from community.roles import EDITORS, is_final_post_migrate

from .models import SitePost

#: What editors need to keep promoted search results (and so to read the search terms report).
PROMOTION_PERMISSIONS = ("add_searchpromotion", "change_searchpromotion", "delete_searchpromotion")


@receiver(post_save, sender=Post, dispatch_uid="sitesearch.index_post")
def index_post(sender, instance, raw=False, **kwargs):
    if raw:
        return
    meta = SitePost._meta
    insert_or_update_object_task.enqueue(meta.app_label, meta.model_name, str(instance.pk))


@receiver(post_delete, sender=Post, dispatch_uid="sitesearch.unindex_post")
def unindex_post(sender, instance, **kwargs):
    index.remove_object(SitePost(pk=instance.pk))


@receiver(post_migrate, dispatch_uid="sitesearch.grant_promotions_to_editors")
def grant_promotions_to_editors(sender, **kwargs):
    """Editors keep the promoted search results and read what visitors search for."""
    if not is_final_post_migrate(sender):
        return
    # community.roles creates the group in its own post_migrate, which may run after this one.
    group, _created = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailsearchpromotions", codename__in=PROMOTION_PERMISSIONS
        )
    )

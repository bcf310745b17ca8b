from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The user method machina calls to name a poster (settings.MACHINA_USER_DISPLAY_NAME_METHOD).
CREDITED_NAME_METHOD = "get_credited_name"


class ForumIntegrationConfig(AppConfig):
    """The bridge between Cocreate and django-machina (machina owns the `forum` label)."""

    name = "forum"
    label = "forum_integration"
    verbose_name = _("Forum integration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from machina.apps.forum.models import Forum
        from machina.apps.forum_conversation.signals import topic_viewed
        from machina.apps.forum_permission.models import (
            GroupForumPermission,
            UserForumPermission,
        )
        from machina.apps.forum_tracking.receivers import update_user_trackers
        from machina.templatetags import forum_permission_tags
        from mptt.signals import node_moved

        from community.credits import credited_name

        from . import receivers  # noqa: F401
        from .handler import forget_forum_permissions, forget_group_memberships
        from .permission_tag import get_permission
        from .tracking import mark_topic_read

        # machina names posters by calling the user method MACHINA_USER_DISPLAY_NAME_METHOD
        # names (its documented hook): the default `get_username` shows what allauth derived
        # from the e-mail address, so every forum page names people by their credit choice.
        get_user_model().add_to_class(CREDITED_NAME_METHOD, credited_name)

        # machina's templates ask permissions through this tag dozens of times per page.
        forum_permission_tags.register.simple_tag(get_permission, takes_context=True)

        # Reading a topic marks it read through our tracking handler, which skips machina's
        # queries when nothing was posted since the reader's last visit.
        topic_viewed.disconnect(update_user_trackers)
        topic_viewed.connect(mark_topic_read, dispatch_uid="forum_integration.mark_topic_read")

        # Everything cached about forum permissions is forgotten when they may have changed.
        for model in (Forum, UserForumPermission, GroupForumPermission):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_forum_permissions,
                    sender=model,
                    dispatch_uid=f"forum_integration.permissions.{model.__name__}.{signal}",
                )
        node_moved.connect(
            forget_forum_permissions, sender=Forum, dispatch_uid="forum_integration.forum_moved"
        )
        m2m_changed.connect(
            forget_group_memberships,
            sender=get_user_model().groups.through,
            dispatch_uid="forum_integration.group_memberships",
        )

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
        from django.db.models.signals import post_delete, post_save
        from machina.apps.forum_conversation.signals import topic_viewed
        from machina.apps.forum_permission.models import (
            GroupForumPermission,
            UserForumPermission,
        )
        from machina.apps.forum_tracking.receivers import update_user_trackers

        from community.credits import credited_name

        from . import receivers  # noqa: F401
        from .handler import forget_forums_with_own_permission_rows
        from .tracking import mark_topic_read

        # machina names posters by calling the user method MACHINA_USER_DISPLAY_NAME_METHOD
        # names (its documented hook): the default `get_username` shows what allauth derived
        # from the e-mail address, so every forum page names people by their credit choice.
        get_user_model().add_to_class(CREDITED_NAME_METHOD, credited_name)

        # Reading a topic marks it read through our tracking handler, which skips machina's
        # queries when nothing was posted since the reader's last visit.
        topic_viewed.disconnect(update_user_trackers)
        topic_viewed.connect(mark_topic_read, dispatch_uid="forum_integration.mark_topic_read")

        for model in (UserForumPermission, GroupForumPermission):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_forums_with_own_permission_rows,
                    sender=model,
                    dispatch_uid=f"forum_integration.own_rows.{model.__name__}.{signal}",
                )

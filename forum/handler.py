"""machina's permission handler, aware of campaign forums."""

from django.core.cache import cache
from machina.apps.forum_permission.checker import ForumPermissionChecker
from machina.apps.forum_permission.handler import PermissionHandler
from machina.apps.forum_permission.models import GroupForumPermission, UserForumPermission

from community.models import campaign_of_forum


def takes_new_topics(forum):
    """A campaign's forum takes new topics only while the campaign is open; others always do."""
    campaign = campaign_of_forum(forum)
    return campaign is None or campaign.is_open


#: The ids of forums that have permission rows of their own, kept until a permission changes.
OWN_PERMISSION_ROWS_CACHE_KEY = "forum:forums-with-own-permission-rows"


def forums_with_own_permission_rows():
    """Forum ids with user or group permission rows of their own: one query, then the cache."""
    forum_ids = cache.get(OWN_PERMISSION_ROWS_CACHE_KEY)
    if forum_ids is None:
        forum_ids = frozenset(
            UserForumPermission.objects.filter(forum__isnull=False)
            .values_list("forum_id", flat=True)
            .union(GroupForumPermission.objects.filter(forum__isnull=False).values_list("forum_id"))
        )
        cache.set(OWN_PERMISSION_ROWS_CACHE_KEY, forum_ids, None)
    return forum_ids


def forget_forums_with_own_permission_rows(**kwargs):
    """Receiver: a forum permission row was saved or deleted."""
    cache.delete(OWN_PERMISSION_ROWS_CACHE_KEY)


class CampaignPermissionChecker(ForumPermissionChecker):
    """machina's checker, refusing `can_start_new_topics` in forums that take no new topics."""

    def has_perm(self, perm, forum):
        if perm == "can_start_new_topics" and not takes_new_topics(forum):
            return False
        return super().has_perm(perm, forum)

    def get_perms_for_forumlist(self, forums, perm_codenames=None):
        """machina's permissions of several forums, each forum with rows of its own apart.

        machina 1.3.1 carries one forum's own rows over to the forums after it in the list
        (ellmetha/django-machina#319, not merged): a forum closed to a group closed every later
        forum to that group, so members lost forums from the index and the search. A forum
        without rows of its own changes nothing for the next, so those are computed together;
        each forum with rows of its own (few: most grants are global) costs its own queries.
        """
        forums = list(forums)
        if len(forums) < 2:
            return super().get_perms_for_forumlist(forums, perm_codenames)
        with_own_rows = forums_with_own_permission_rows()
        plain = [forum for forum in forums if forum.pk not in with_own_rows]
        perms = super().get_perms_for_forumlist(plain, perm_codenames) if plain else {}
        for forum in forums:
            if forum.pk in with_own_rows:
                perms.update(super().get_perms_for_forumlist([forum], perm_codenames))
        return {forum: perms[forum] for forum in forums}


class CampaignPermissionHandler(PermissionHandler):
    """No new topic in the forum of a campaign that is not open (upcoming, closed or decided)."""

    def forum_list_filter(self, qs, user):
        # A forum page filters its sub-forums; a forum without any (every campaign's) asks to
        # filter an empty queryset, which needs no grants: machina would read them all anyway.
        if qs.query.is_empty():
            return qs
        return super().forum_list_filter(qs, user)

    def can_add_topic(self, forum, user):
        return takes_new_topics(forum) and super().can_add_topic(forum, user)

    def _get_checker(self, user):
        # machina's views ask the handler's checker directly (PermissionRequiredMixin), so the
        # checker is where the rule must live; cached per user as machina does.
        key = user.id if not user.is_anonymous else "anonymous"
        if key not in self._user_perm_checkers_cache:
            self._user_perm_checkers_cache[key] = CampaignPermissionChecker(user)
        return self._user_perm_checkers_cache[key]

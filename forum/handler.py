"""machina's permission handler, aware of campaign forums."""

from machina.apps.forum_permission.checker import ForumPermissionChecker
from machina.apps.forum_permission.handler import PermissionHandler
from machina.apps.forum_permission.models import GroupForumPermission, UserForumPermission

from community.models import campaign_of_forum


def takes_new_topics(forum):
    """A campaign's forum takes new topics only while the campaign is open; others always do."""
    campaign = campaign_of_forum(forum)
    return campaign is None or campaign.is_open


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
        without rows of its own changes nothing for the next, so those are computed together.
        """
        forums = list(forums)
        if len(forums) < 2:
            return super().get_perms_for_forumlist(forums, perm_codenames)
        with_own_rows = set(
            UserForumPermission.objects.filter(forum__in=forums)
            .values_list("forum_id", flat=True)
            .union(GroupForumPermission.objects.filter(forum__in=forums).values_list("forum_id"))
        )
        plain = [forum for forum in forums if forum.pk not in with_own_rows]
        perms = super().get_perms_for_forumlist(plain, perm_codenames) if plain else {}
        for forum in forums:
            if forum.pk in with_own_rows:
                perms.update(super().get_perms_for_forumlist([forum], perm_codenames))
        return {forum: perms[forum] for forum in forums}


class CampaignPermissionHandler(PermissionHandler):
    """No new topic in the forum of a campaign that is not open (upcoming, closed or decided)."""

    def can_add_topic(self, forum, user):
        return takes_new_topics(forum) and super().can_add_topic(forum, user)

    def _get_checker(self, user):
        # machina's views ask the handler's checker directly (PermissionRequiredMixin), so the
        # checker is where the rule must live; cached per user as machina does.
        key = user.id if not user.is_anonymous else "anonymous"
        if key not in self._user_perm_checkers_cache:
            self._user_perm_checkers_cache[key] = CampaignPermissionChecker(user)
        return self._user_perm_checkers_cache[key]

"""machina's permission handler, aware of campaign forums."""

from machina.apps.forum_permission.checker import ForumPermissionChecker
from machina.apps.forum_permission.handler import PermissionHandler

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

"""machina's permission handler, aware of campaign forums."""

import uuid

from django.core.cache import cache
from machina.apps.forum.models import Forum
from machina.apps.forum_permission.checker import ForumPermissionChecker
from machina.apps.forum_permission.handler import PermissionHandler
from machina.apps.forum_permission.models import GroupForumPermission, UserForumPermission

from brandsite.core.caching import agreed_generation, seconds_to_keep
from community.models import campaign_of_forum


def takes_new_topics(forum):
    """A campaign's forum takes new topics only while the campaign is open; others always do."""
    campaign = campaign_of_forum(forum)
    return campaign is None or campaign.is_open


#: Changes whenever what machina's permissions grant may change: forums created, deleted or
#: moved, permission rows saved or deleted. Every answer cached across requests below is keyed
#: by it, so one receiver forgets them all at once.
PERMISSIONS_GENERATION_KEY = "forum:permissions-generation"
#: Changes when one member's groups change (every sign-up joins a group): their answers only.
MEMBER_GENERATION_KEY = "forum:member-permissions-generation:{}"
#: Answers of an old generation are never read again; they expire after this long.
GRANTED_FORUMS_CACHE_SECONDS = 60 * 60


def permissions_generation(user_id=None):
    """The generation of everything cached about forum permissions (and of one member's)."""
    member_key = MEMBER_GENERATION_KEY.format(user_id) if user_id else None
    found = cache.get_many([PERMISSIONS_GENERATION_KEY, *filter(None, [member_key])])
    generation = agreed_generation(
        PERMISSIONS_GENERATION_KEY, found.get(PERMISSIONS_GENERATION_KEY)
    )
    # A member whose groups never changed has no key of their own: the forums' generation is
    # enough. A member key outlives every answer cached before it was set.
    return f"{generation}-{found.get(member_key, 0)}" if member_key else generation


def forget_forum_permissions(sender=None, **kwargs):
    """Receiver: forums or permission rows changed."""
    # machina saves a forum on every post to update its counters: those saves change nothing
    # (moves send mptt's node_moved, which comes here too).
    if sender is Forum and kwargs.get("created") is False:
        return
    cache.delete(PERMISSIONS_GENERATION_KEY)


def forget_group_memberships(sender, instance, action, reverse, pk_set, **kwargs):
    """Receiver of User.groups' m2m_changed: the members whose groups changed."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        user_ids = [instance.pk]
    elif pk_set is not None:
        user_ids = pk_set
    else:  # a group emptied: whoever was in it
        cache.delete(PERMISSIONS_GENERATION_KEY)
        return
    cache.set_many(
        {MEMBER_GENERATION_KEY.format(user_id): uuid.uuid4().hex for user_id in user_ids},
        2 * GRANTED_FORUMS_CACHE_SECONDS,
    )


def cached_across_requests(name, compute, user_id=None):
    """`compute()`'s answer, kept under `name` until forum permissions (or the member's) change."""
    key = f"forum:{name}:{permissions_generation(user_id)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds_to_keep(GRANTED_FORUMS_CACHE_SECONDS))
    return value


def forums_with_own_permission_rows():
    """Forum ids with user or group permission rows of their own: one query, then the cache."""
    return cached_across_requests(
        "forums-with-own-permission-rows",
        lambda: frozenset(
            UserForumPermission.objects.filter(forum__isnull=False)
            .values_list("forum_id", flat=True)
            .union(GroupForumPermission.objects.filter(forum__isnull=False).values_list("forum_id"))
        ),
    )


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

    def _get_forums_for_user(self, user, perm_codenames, use_tree_hierarchy=False):
        """machina's granted forums, worked out once per user and generation, not per request.

        Working them out walks every forum's permissions and the forum tree in Python, the
        largest cost of a forum page. What it depends on (the forums, permission rows and the
        user's groups) moves the generation on. `can_start_new_topics` also depends on each
        campaign's dates, so it is never cached.
        """
        if user.is_superuser or "can_start_new_topics" in perm_codenames:
            return super()._get_forums_for_user(user, perm_codenames, use_tree_hierarchy)
        key = "__".join(
            (":".join(perm_codenames), str(use_tree_hierarchy), str(user.id or "anonymous"))
        )
        if key not in self._granted_forums_cache:
            forum_ids = cached_across_requests(
                f"granted:{key}",
                lambda: [
                    forum.pk
                    for forum in super(CampaignPermissionHandler, self)._get_forums_for_user(
                        user, perm_codenames, use_tree_hierarchy
                    )
                ],
                user_id=user.id,
            )
            self._granted_forums_cache[key] = Forum.objects.filter(pk__in=forum_ids)
        return self._granted_forums_cache[key]

    def _get_checker(self, user):
        # machina's views ask the handler's checker directly (PermissionRequiredMixin), so the
        # checker is where the rule must live; cached per user as machina does.
        key = user.id if not user.is_anonymous else "anonymous"
        if key not in self._user_perm_checkers_cache:
            self._user_perm_checkers_cache[key] = CampaignPermissionChecker(user)
        return self._user_perm_checkers_cache[key]

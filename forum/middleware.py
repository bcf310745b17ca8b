"""Forum middleware that keeps anonymous reads free of sessions."""

from machina.apps.forum_permission.middleware import ForumPermissionMiddleware

from .handler import CampaignPermissionHandler

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SessionlessForumPermissionMiddleware(ForumPermissionMiddleware):
    """machina's middleware, minus the session it writes for every anonymous visitor.

    The anonymous forum key only identifies anonymous posts and poll votes, which are writes, so
    a read reuses the key of an existing session and never creates one. A session per visitor
    would make every anonymous page uncacheable and write a database row per request. Writes to
    views marked `sessionless` (the page-view beacon) do without it too. It also installs our
    campaign-aware permission handler.
    """

    def process_request(self, request):
        if request.method in SAFE_METHODS and not request.user.is_authenticated:
            request.user.forum_key = request.session.get(self.anonymous_forum_key_session_id)
        request.forum_permission_handler = CampaignPermissionHandler()

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in SAFE_METHODS and not getattr(view_func, "sessionless", False):
            super().process_request(request)
            request.forum_permission_handler = CampaignPermissionHandler()

"""machina's `get_permission` tag, without listing the handler's methods on every call.

machina's tag runs `inspect.getmembers` on the permission handler each time it is used, dozens
of times per topic page; the public method names of a handler class never change, so they are
listed once per class. The forum app registers this function in machina's own
`forum_permission_tags` library at start-up (a library of the same name would be a second
library for Django's template checks).
"""

import functools
import inspect

from django import template
from machina.core.loading import get_class

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")


@functools.cache
def public_method_names(handler_class):
    return frozenset(
        name
        for name, _member in inspect.getmembers(handler_class, predicate=callable)
        if not name.startswith("_")
    )


def get_permission(context, method, *args, **kwargs):
    """Whether a permission is granted: `{% get_permission 'can_add_post' topic user as var %}`."""
    request = context.get("request", None)
    perm_handler = request.forum_permission_handler if request else PermissionHandler()
    allowed = public_method_names(type(perm_handler))
    if method not in allowed:
        raise template.TemplateSyntaxError(
            f"Only the following methods are allowed through this templatetag: {sorted(allowed)}"
        )
    return getattr(perm_handler, method)(*args, **kwargs)

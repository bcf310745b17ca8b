"""`X-Robots-Tag: noindex` on the addresses robots.txt disallows."""

from .robots import is_private_path


class NoindexPrivatePathsMiddleware:
    """Private pages (account, sign-in, notifications, search, posting…) ask not to be indexed.

    A view that set its own X-Robots-Tag keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "X-Robots-Tag" not in response and is_private_path(request.path):
            response["X-Robots-Tag"] = "noindex"
        return response

"""Security headers that Django's SecurityMiddleware and django-csp do not set."""

from django.conf import settings


def permissions_policy():
    """The Permissions-Policy header value of settings.PERMISSIONS_POLICY."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})"
        for feature, allowed in settings.PERMISSIONS_POLICY.items()
    )


class PermissionsPolicyMiddleware:
    """Turn off the browser features the site never uses (camera, microphone, location…).

    A page, or a frame injected into it, cannot then ask for them. A view that sets its own
    Permissions-Policy keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", permissions_policy())
        return response

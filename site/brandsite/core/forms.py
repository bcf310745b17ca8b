from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from wagtail.admin.forms.auth import LoginForm


class RateLimitedAdminLoginForm(LoginForm):
    """Wagtail's admin sign-in, authenticated by allauth so the same sign-in limits apply."""

    def clean(self):
        adapter = get_adapter(self.request)
        # allauth's `login` limit counts every sign-in attempt from an address, as its view does.
        if not ratelimit.consume(self.request, action="login"):
            raise adapter.validation_error("rate_limited")
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            # Raises a ValidationError once allauth's `login_failed` rate limit is reached.
            self.user_cache = adapter.authenticate(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

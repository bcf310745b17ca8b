from allauth.account.adapter import get_adapter
from wagtail.admin.forms.auth import LoginForm


class RateLimitedAdminLoginForm(LoginForm):
    """Wagtail's admin sign-in, authenticated by allauth so the same failed-login limits apply."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            # Raises a ValidationError once allauth's `login_failed` rate limit is reached.
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

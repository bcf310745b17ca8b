from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_account_menu_item")
def change_password_on_the_site(request):
    # The admin's own password form is off (WAGTAIL_PASSWORD_MANAGEMENT_ENABLED): allauth's,
    # within its rate limits, is the one place to change a password.
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("On the site's account pages, where you also manage your e-mail addresses."),
    }

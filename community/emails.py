"""The community's e-mails: notifications, digests and tester decisions, with unsubscribe links."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from .models import NotificationKind, TesterApplicationStatus
from .notifications import describe, link_path

UNSUBSCRIBE_SALT = "community.notifications.unsubscribe"


def site_root_url():
    """The site's address without a trailing slash, for links in e-mails."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if not base:
        site = Site.objects.filter(is_default_site=True).first()
        base = site.root_url if site else ""
    return base.rstrip("/")


def absolute_url(path):
    """`path` on the site, as a full URL ("" stays "")."""
    return f"{site_root_url()}{path}" if path.startswith("/") else path


def unsubscribe_token(user):
    """A signed token naming `user`, good for one thing only: stopping notification e-mails."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_id_of_unsubscribe_token(token):
    """The user id a token was signed for; raises signing.BadSignature when tampered with."""
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user):
    """The one-click unsubscribe link of `user`'s notification e-mails, signed, without login."""
    return absolute_url(reverse("community:unsubscribe", args=[unsubscribe_token(user)]))


def _item(notification):
    return {
        "text": describe(notification),
        "reason": notification.reason,
        "excerpt": notification.detail
        if notification.kind == NotificationKind.POST_REJECTED
        else "",
        "url": absolute_url(link_path(notification)),
    }


def _render(template, context):
    subject = render_to_string(f"{template}.subject.txt", context)
    return (
        " ".join(subject.split()),
        render_to_string(f"{template}.txt", context),
        render_to_string(f"{template}.html", context),
    )


def _notification_message(user, template, context):
    unsubscribe = unsubscribe_url(user)
    context = {
        **context,
        "name": user.get_short_name() or user.get_username(),
        "unsubscribe_url": unsubscribe,
        "notifications_url": absolute_url(reverse("community:notifications")),
    }
    # No language is stored per user yet: write in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        if "notification" in context:
            context["item"] = _item(context["notification"])
        if "notifications" in context:
            context["items"] = [_item(notification) for notification in context["notifications"]]
        subject, text, html = _render(template, context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    message = EmailMultiAlternatives(subject, text, to=[user.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def notification_message(notification):
    """The e-mail telling a notification's recipient what happened."""
    return _notification_message(
        notification.recipient, "community/emails/notification", {"notification": notification}
    )


def digest_message(user, notifications):
    """The daily e-mail listing `notifications` of `user`."""
    return _notification_message(
        user, "community/emails/notification_digest", {"notifications": notifications}
    )


def tester_decision_message(application):
    """The e-mail telling an applicant whether they were selected as a tester."""
    applicant = application.applicant
    campaign = application.page.specific
    call = campaign.tester_calls.get(application.call_id)
    context = {
        "application": application,
        "applicant_name": applicant.get_short_name() or applicant.get_username(),
        "campaign": campaign,
        "campaign_url": campaign.full_url,
        "call_heading": call["heading"] if call else "",
        "selected": application.status == TesterApplicationStatus.SELECTED,
    }
    # No language is stored per applicant yet: write in the site's language, not in the language
    # of the editor whose click sent this.
    with translation.override(settings.LANGUAGE_CODE):
        subject, text, html = _render("community/emails/tester_application_decided", context)
    message = EmailMultiAlternatives(subject, text, to=[applicant.email])
    message.attach_alternative(html, "text/html")
    return message

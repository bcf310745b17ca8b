"""Signal receivers of the community app."""

from allauth.account.signals import user_signed_up
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation

from . import signals
from .models import TesterApplicationStatus
from .roles import CONSUMERS, is_final_post_migrate, sync_roles


def sync_roles_after_migrate(sender, **kwargs):
    """Keep the role groups in step with community.roles after every migrate."""
    if is_final_post_migrate(sender):
        sync_roles()


@receiver(user_signed_up, dispatch_uid="community.join_consumers")
def join_consumers_on_sign_up(sender, request, user, **kwargs):
    """Every new account starts as a consumer."""
    consumers, _created = Group.objects.get_or_create(name=CONSUMERS)
    user.groups.add(consumers)


@receiver(signals.tester_application_decided, dispatch_uid="community.tell_tester_applicant")
def tell_applicant_of_decision(sender, application, **kwargs):
    """E-mail the applicant whether they were selected as a tester."""
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
        template = "community/emails/tester_application_decided"
        subject = render_to_string(f"{template}.subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    # Sent in the request until the task queue arrives (issue 5); the signal fires after commit.
    send_mail(
        " ".join(subject.split()),
        text,
        None,
        [applicant.email],
        html_message=html,
    )

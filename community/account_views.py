"""A person's rights over their data: download all of it, delete the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import actions
from .accounts import DeleteAccountForm
from .permissions import account_deletion_refusal


@login_required
@never_cache
def download_my_data(request):
    """Everything the site holds about the signed-in person, as a JSON file to keep."""
    data = actions.do_export_personal_data(request.user, acting_user=request.user, request=request)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _delete_page(request, form, refusal=None, status=200):
    context = {"form": form, "refusal": refusal}
    return TemplateResponse(request, "community/delete_account.html", context, status=status)


@login_required
@never_cache
def delete_account(request):
    """Ask for the password and what becomes of one's posts, then delete the account."""
    refusal = account_deletion_refusal(request.user, request.user)
    if refusal is not None:
        return _delete_page(request, None, refusal, status=403)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method != "POST":
        return _delete_page(request, form)
    if not form.is_valid():
        return _delete_page(request, form, status=400)
    try:
        actions.do_delete_account(
            request.user, acting_user=request.user, keep_posts=form.keeps_posts
        )
    except actions.ActionRefused as error:
        form.add_error(None, error.message)
        return _delete_page(request, form, status=error.status)
    logout(request)
    messages.success(request, _("Your account is deleted. Thank you for taking part."))
    return redirect("/")

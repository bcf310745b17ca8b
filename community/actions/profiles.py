"""Actions on contributors: sign-up consent, profile and credit choices, avatars."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from machina.apps.forum_member.models import ForumProfile
from wagtail.log_actions import log

from .. import permissions
from ..avatars import validate_avatar
from ..models import CommunitySettings, ConsentDocument, ConsentRecord, ContributorProfile
from .base import ActionRefused

PROFILE_FIELDS = (
    "display_name",
    "pseudonym",
    "credit_preference",
    "marketing_opt_in",
    "notification_frequency",
    "listed_by_search_engines",
)


def _pseudonym_taken():
    return ActionRefused(_("Someone already uses this pseudonym: choose another one."), status=409)


def _record(user, document, version, given):
    return ConsentRecord.objects.create(user=user, document=document, version=version, given=given)


@transaction.atomic
def do_record_sign_up(user, *, accepted_terms, accepted_licence, **choices):
    """Store a new account's consents (with the versions accepted) and create its profile."""
    if not (accepted_terms and accepted_licence):
        raise ActionRefused(_("Accept the terms of use and the contribution licence to sign up."))
    versions = CommunitySettings.load().required_versions()
    profile = ContributorProfile(user=user, **choices)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise _pseudonym_taken() from None
    for document, version in versions.items():
        _record(user, document, version, True)
    _record(user, ConsentDocument.MARKETING, "", bool(profile.marketing_opt_in))
    log(instance=profile, action="community.profile.sign_up", user=user)
    return profile


def _require_owner(user, acting_user):
    if not acting_user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_edit_contributor_profile(acting_user, user):
        raise ActionRefused(_("You may only change your own profile."), status=403)


@transaction.atomic
def do_update_contributor_profile(user, *, acting_user, **changes):
    """Change `user`'s public name, credit choice, marketing opt-in and e-mail frequency."""
    _require_owner(user, acting_user)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not a profile choice: {sorted(unknown)}")
    profile, _created = ContributorProfile.objects.select_for_update().get_or_create(user=user)
    was_opted_in = profile.marketing_opt_in
    for field, value in changes.items():
        setattr(profile, field, value)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise _pseudonym_taken() from None
    if "marketing_opt_in" in changes and bool(changes["marketing_opt_in"]) != was_opted_in:
        _record(user, ConsentDocument.MARKETING, "", bool(changes["marketing_opt_in"]))
    log(instance=profile, action="community.profile.change", user=acting_user)
    return profile


@transaction.atomic
def do_accept_current_documents(user, *, acting_user):
    """Record that `user` accepts the current versions of the terms and the licence."""
    _require_owner(user, acting_user)
    for document, version in CommunitySettings.load().required_versions().items():
        _record(user, document, version, True)
    log(instance=user, action="community.consent.accept", user=acting_user)


def _forum_profile(user):
    ForumProfile.objects.get_or_create(user=user)
    return ForumProfile.objects.select_for_update().get(user=user)


def delete_avatar_after_commit(name):
    """Delete the avatar file `name` from storage once the transaction commits (kept otherwise)."""
    if name:
        storage = ForumProfile._meta.get_field("avatar").storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def do_set_avatar(user, upload, *, acting_user):
    """Give `user` a new avatar (checked, then resized to PNG by machina's field)."""
    _require_owner(user, acting_user)
    try:
        validate_avatar(upload)
    except ValidationError as error:
        raise ActionRefused(" ".join(error.messages)) from None
    profile = _forum_profile(user)
    previous = profile.avatar.name
    ForumProfile._meta.get_field("avatar").save_form_data(profile, upload)
    profile.save()
    delete_avatar_after_commit(previous)
    log(instance=user, action="community.profile.avatar", user=acting_user)
    return profile


@transaction.atomic
def do_remove_avatar(user, *, acting_user):
    """Take `user`'s avatar down."""
    _require_owner(user, acting_user)
    profile = _forum_profile(user)
    previous = profile.avatar.name
    profile.avatar = None
    profile.save(update_fields=["avatar"])
    delete_avatar_after_commit(previous)
    log(instance=user, action="community.profile.avatar_removed", user=acting_user)
    return profile

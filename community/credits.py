"""How the brand names a person wherever it shows or reuses their contribution."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from .models import ContributorProfile, CreditPreference


def contributor_profile(user):
    """`user`'s profile, or an unsaved default one; reads the related cache when prefetched."""
    if user is None or not getattr(user, "pk", None):
        return ContributorProfile()
    try:
        return user.contributor_profile
    except ContributorProfile.DoesNotExist:
        return ContributorProfile(user=user)


def public_name(user):
    """The name `user` chose to be shown under, or None (anonymous, or no name chosen).

    Never the e-mail address nor the username: allauth makes usernames from e-mail addresses.
    """
    profile = contributor_profile(user)
    preference = profile.credit_preference
    if preference == CreditPreference.ANONYMOUS:
        return None
    if preference == CreditPreference.DISPLAY_NAME and profile.display_name:
        return profile.display_name
    # Someone who asked for their display name but left it empty may be named by the pseudonym
    # they chose to be public; someone who asked for a pseudonym is never named by a real name.
    return profile.pseudonym or None


def credited_name(user):
    """How the brand must name `user`: display name, pseudonym or "Anonymous contributor"."""
    return public_name(user) or _("Anonymous contributor")


def has_public_profile_link(user):
    """Whether credited content may link to `user`'s profile (never for anonymous credit)."""
    return user is not None and public_name(user) is not None


def prefetch_profiles(users):
    """Load the profiles of `users` in one query, so naming each of them costs none."""
    users = [user for user in users if user is not None and getattr(user, "pk", None)]
    prefetch_related_objects(users, "contributor_profile")

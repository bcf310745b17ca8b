"""How the brand names a person wherever it shows or reuses their contribution."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ContributorProfile, CreditPreference

#: How the site names whoever wrote what a deleted account left behind.
FORMER_MEMBER = gettext_lazy("A former member")
#: machina's `anonymous_key` of the posts a deleted account left behind: machina wants a poster
#: or a key on every post, and no visitor's key (a uuid4 in hexadecimal) can equal this one.
FORMER_MEMBER_KEY = "former-member"


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
    """How the brand must name `user`: display name, pseudonym or "Anonymous contributor".

    A contribution without an account (`user` None) is a former member's: the forum grants no
    posting to visitors (forum.permissions), so only a deleted account leaves such posts.
    """
    if user is None:
        return str(FORMER_MEMBER)
    return public_name(user) or _("Anonymous contributor")


def poster_name(post):
    """How a post names its author: as credited, "A former member", or a guest's own name."""
    if post.poster_id is not None:
        return credited_name(post.poster)
    if post.anonymous_key == FORMER_MEMBER_KEY or not post.username:
        return str(FORMER_MEMBER)
    return post.username


def has_public_profile_link(user):
    """Whether credited content may link to `user`'s profile (never for anonymous credit)."""
    return user is not None and public_name(user) is not None


def prefetch_profiles(users):
    """Load the profiles of `users` in one query, so naming each of them costs none."""
    users = [user for user in users if user is not None and getattr(user, "pk", None)]
    prefetch_related_objects(users, "contributor_profile")

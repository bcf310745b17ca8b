"""Actions on a whole account: the person deletes it (right to erasure)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils.translation import gettext as _
from machina.apps.forum_member.models import ForumProfile
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.users.utils import get_deleted_user_display_name

from .. import permissions, signals
from ..data_export import personal_data
from ..models import ContributorProfile, Follow, IdeaVote, TesterApplication, VariantVote
from .account_posts import keep_posts_as_former_member, remove_posts
from .base import ActionRefused, on_commit_send
from .ideas import take_back_idea_votes
from .profiles import delete_avatar_after_commit
from .story_anonymity import anonymise_story_credits
from .story_consents import finish_consent_task_if_answered


def deleted_account_name(user_id):
    """How the audit log refers to a deleted account: by its number alone, as Wagtail does."""
    return str(get_deleted_user_display_name(user_id))


def do_export_personal_data(user, *, acting_user, request):
    """Everything the site holds about `user`, for them alone; the download is audited."""
    if not (acting_user.is_authenticated and acting_user.pk == user.pk):
        raise PermissionDenied
    data = personal_data(user, request)
    log(instance=user, action="community.account.export", user=acting_user)
    return data


@transaction.atomic
def do_delete_account(user, *, acting_user, keep_posts):
    """Delete `user`'s account and all it holds; posts kept as a former member's or removed.

    Votes go, each taken from its idea's count; stories name the person "Anonymous contributor";
    the audit log keeps one entry with the choice and the counts, and the account's number
    instead of its name in older entries. Returns that entry's data. All or nothing.
    """
    if not acting_user.is_authenticated:
        raise PermissionDenied
    refusal = permissions.account_deletion_refusal(acting_user, user)
    if refusal is not None:
        raise ActionRefused(refusal, status=403)
    # The row lock makes a second deletion (a double submit) wait, then find nothing to delete.
    # A vote or post the person writes meanwhile checks its foreign key on this row when it
    # commits (PostgreSQL's deferred constraints): it waits, then fails once the row is gone.
    user = get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if user is None:
        raise ActionRefused(_("This account no longer exists."), status=404)
    _pseudonymise_audit_labels(user)
    summary = {"posts": "kept" if keep_posts else "removed", **_remove_votes(user)}
    stories = anonymise_story_credits(user, drop_post_links=not keep_posts)
    summary["stories_anonymised"] = [story.pk for story in stories]
    summary.update(keep_posts_as_former_member(user) if keep_posts else remove_posts(user))
    summary["ban_in_force"] = permissions.active_ban(user) is not None
    avatar = ForumProfile.objects.filter(user=user).values_list("avatar", flat=True).first()
    delete_avatar_after_commit(avatar)
    log(
        instance=user,
        action="community.account.delete",
        user=acting_user,
        title=deleted_account_name(user.pk),
        deleted=True,
        data=summary,
    )
    user_id = user.pk
    user.delete()
    for story in stories:
        # A story waiting for this person's answer alone goes on to the editors' approval.
        finish_consent_task_if_answered(story)
    on_commit_send(signals.account_deleted, user_id=user_id, summary=summary)
    return summary


def _remove_votes(user):
    """Delete `user`'s idea and variant votes; idea counts follow, variant totals are counted."""
    idea_ids = list(IdeaVote.objects.filter(voter=user).values_list("idea_id", flat=True))
    idea_votes = len(take_back_idea_votes(user, idea_ids))
    variant_votes, _counts = VariantVote.objects.filter(voter=user).delete()
    return {"idea_votes_removed": idea_votes, "variant_votes_removed": variant_votes}


def _pseudonymise_audit_labels(user):
    """Audit entries about the account's own rows are labelled with its username: its number now.

    Wagtail keeps the acting user as a bare id, shown "user 42 (deleted)" once the account is gone.
    """
    username = user.get_username()
    if not username:
        return
    own_rows = {
        get_user_model(): [user.pk],
        ContributorProfile: [user.pk],
        Follow: Follow.objects.filter(user=user).values_list("pk", flat=True),
        VariantVote: VariantVote.objects.filter(voter=user).values_list("pk", flat=True),
        TesterApplication: TesterApplication.objects.filter(applicant=user).values_list(
            "pk", flat=True
        ),
    }
    content_types = ContentType.objects.get_for_models(*own_rows)
    about_them = Q()
    for model, ids in own_rows.items():
        about_them |= Q(content_type=content_types[model], object_id__in=[str(pk) for pk in ids])
    ModelLogEntry.objects.filter(about_them).update(
        label=Replace("label", Value(username), Value(deleted_account_name(user.pk)))
    )

"""How the audit log reads account deletions and data downloads: the choice and the counts."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter


class AccountDeletionFormatter(LogFormatter):
    """'Account deleted …' with what became of the person's posts, votes and credits."""

    label = gettext_lazy("Delete account")

    def format_message(self, log_entry):
        data = log_entry.data
        values = {
            "kept": data.get("posts_kept", 0),
            "removed": data.get("posts_removed", 0),
            "topics": data.get("topics_removed", 0),
            "openings": data.get("openings_replaced", 0),
            "votes": data.get("idea_votes_removed", 0) + data.get("variant_votes_removed", 0),
            "stories": len(data.get("stories_anonymised", [])),
        }
        if data.get("posts") == "kept":
            message = _(
                "Account deleted by its owner, posts kept as a former member's: %(kept)d posts "
                "kept, %(removed)d waiting posts removed, %(votes)d votes removed, %(stories)d "
                "stories made anonymous."
            )
        else:
            message = _(
                "Account deleted by its owner with its posts: %(removed)d posts and %(topics)d "
                "topics removed, %(openings)d opening posts replaced by a notice, %(votes)d votes "
                "removed, %(stories)d stories made anonymous."
            )
        return message % values


def register_account_log_actions(actions):
    """Labels of the audit-log actions on whole accounts and on the stories they leave."""
    actions.register_action("community.account.delete")(AccountDeletionFormatter)
    actions.register_action(
        "community.account.export",
        gettext_lazy("Download personal data"),
        gettext_lazy("Personal data downloaded by its owner"),
    )
    actions.register_action(
        "community.story.credit_anonymised",
        gettext_lazy("Anonymise credit"),
        gettext_lazy("A deleted account's quotes and credits now read “Anonymous contributor”"),
    )

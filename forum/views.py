"""machina's forum views, extended with idea votes."""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from machina.apps.forum.views import ForumView

# Each sort keeps machina's first key (announces, then stickies, then topics) and ends on the
# primary key so that pages never overlap.
TOPIC_SORTS = {
    "votes": (_("Most voted"), ("-type", "-idea_votes", "-last_post_on", "-pk")),
    "newest": (_("Newest"), ("-type", "-created", "-pk")),
    "active": (_("Recently active"), ("-type", "-last_post_on", "-pk")),
}
DEFAULT_SORT = "active"


class SortedForumView(ForumView):
    """machina's forum page whose topics carry their idea votes and sort by votes, age, activity."""

    def get_sort(self):
        """The `sort` asked for, or the default (machina's order) for a missing or unknown one."""
        sort = self.request.GET.get("sort", "")
        return sort if sort in TOPIC_SORTS else DEFAULT_SORT

    def get_queryset(self):
        topics = super().get_queryset().annotate(idea_votes=Coalesce(F("idea__votes_count"), 0))
        return topics.order_by(*TOPIC_SORTS[self.get_sort()][1])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.get_sort()
        context["topic_sorts"] = [
            {"key": key, "label": label, "current": key == current}
            for key, (label, _ordering) in TOPIC_SORTS.items()
        ]
        return context

"""machina's latest-topics feeds, limited to what anonymous visitors may read."""

from machina.apps.forum_feeds.feeds import LastTopicsFeed

from community.feeds import FEED_LENGTH
from community.permissions import forums_readable_by_anonymous


class PublicLastTopicsFeed(LastTopicsFeed):
    """machina's feed of the latest topics, public content only, the latest FEED_LENGTH.

    machina lists the forums the requesting user may read: a moderator's feed reader would then
    carry private forums into whatever it syndicates to. Topics waiting for moderation or hidden
    after reports are unapproved, and machina already leaves those out; replies waiting or hidden
    never become a topic's `last_post`, which counts approved posts only.
    """

    def get_object(self, request, *args, **kwargs):
        super().get_object(request, *args, **kwargs)
        self.forums = self.forums.filter(pk__in=forums_readable_by_anonymous())

    def items(self):
        return (
            super()
            .items()
            .select_related("forum", "poster__contributor_profile", "first_post", "last_post")[
                :FEED_LENGTH
            ]
        )

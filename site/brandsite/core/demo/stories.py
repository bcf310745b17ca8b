"""Demo stories index: where promoted ideas become stories, chosen in the moderation settings."""

from community.models import CommunityStoriesIndexPage, ModerationSettings

from .pages import publish_child

STORIES_INTRO = "Ideas from our community that became products, told with the people who had them."


def load_stories(home):
    """The stories index under the home page, set as where promoted ideas go."""
    index = publish_child(
        home, CommunityStoriesIndexPage, "stories", title="Community stories", intro=STORIES_INTRO
    )
    settings = ModerationSettings.load()
    settings.stories_index = index
    settings.save()
    return index

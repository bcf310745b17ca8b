"""machina's post and topic forms with the limits a public forum needs."""

from django import forms
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_conversation.forms import PostForm, TopicForm

POST_MAX_LENGTH = 20_000


class ContentLimitsMixin:
    """Refuse a blank message or title plainly, and a message over POST_MAX_LENGTH characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django strips the fields first, so a blank one fails as "required": say it plainly.
        self.fields["subject"].error_messages["required"] = _("Give your message a title.")
        self.fields["content"].error_messages["required"] = _("Write a message before sending.")

    def clean_content(self):
        content = self.cleaned_data["content"]
        if len(content) > POST_MAX_LENGTH:
            raise forms.ValidationError(
                _("Keep your message to %(max)d characters (it has %(length)d).")
                % {"max": POST_MAX_LENGTH, "length": len(content)},
                code="too_long",
            )
        return content


class LimitedPostForm(ContentLimitsMixin, PostForm):
    """A reply or an edited reply."""


class LimitedTopicForm(ContentLimitsMixin, TopicForm):
    """A new topic (idea) or an edited one."""

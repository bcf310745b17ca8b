"""machina's post, topic and attachment forms with the limits a public forum needs."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_conversation.forms import PostForm, TopicForm
from machina.apps.forum_conversation.forum_attachments.forms import (
    AttachmentForm,
    AttachmentFormset,
)

from community import actions, moderation
from community.uploads import validate_forum_attachment

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


class PreModerationMixin:
    """The community's pre-moderation: a new post is published, held for review or refused.

    The verdict is reached while the form validates (so a refusal is a form error, in previews
    too); a held post is saved unapproved and its moderation case opened in the same transaction.
    Edits are only refused for a "block" word, never held (see `premoderate_edit`).
    """

    verdict = moderation.PUBLISHED

    def clean(self):
        cleaned_data = super().clean()
        subject, content = cleaned_data.get("subject"), cleaned_data.get("content")
        if subject is None or content is None:
            return cleaned_data
        judge = moderation.premoderate_edit if self.instance.pk else moderation.premoderate
        self.verdict = judge(
            self.user, self.forum, subject, content, perm_handler=self.perm_handler
        )
        if self.verdict.blocks:
            self.add_error("content", self.verdict.message)
        return cleaned_data

    @property
    def holds(self):
        """Whether the post being created waits for a moderator."""
        return self.verdict.holds and not self.instance.pk

    def create_post(self):
        post = super().create_post()
        post.approved = not self.verdict.holds
        return post

    def save(self, commit=True):
        holds = self.holds
        with transaction.atomic():
            post = super().save(commit)
            if commit and holds:
                actions.do_hold_post(post, self.verdict.reason, self.verdict.detail)
        return post


class LimitedPostForm(ContentLimitsMixin, PreModerationMixin, PostForm):
    """A reply or an edited reply."""


class LimitedTopicForm(ContentLimitsMixin, PreModerationMixin, TopicForm):
    """A new topic (idea) or an edited one."""

    def create_topic(self):
        topic = super().create_topic()
        topic.approved = not self.verdict.holds
        return topic


class LimitedAttachmentForm(AttachmentForm):
    """An attachment within the size and kinds of settings.FORUM_ATTACHMENT_*."""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # An attachment kept from before is not checked again: only a new upload is.
        if isinstance(upload, UploadedFile):
            validate_forum_attachment(upload)
        return upload


class LimitedAttachmentFormset(AttachmentFormset):
    """machina's attachment formset, made of limited attachment forms."""

    form = LimitedAttachmentForm

"""The "Contributor consent" step of a story's workflow: every credited person answers first."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

OVERRIDE_NOTE_MAX_LENGTH = 1000


class OverrideConsentForm(forms.Form):
    """Why an editor goes on without the answer of the contributors still silent."""

    note = forms.CharField(
        label=_("Note"),
        max_length=OVERRIDE_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the story's history: say how the contributors agreed."),
    )


class ContributorConsentTask(Task):
    """Asks each contributor a story quotes or credits; done when every one has answered."""

    class Meta:
        verbose_name = _("Contributor consent")
        verbose_name_plural = _("Contributor consent tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Each credited contributor accepts or declines to be named before the story goes on"
        )

    def start(self, workflow_state, user=None):
        """Ask the contributors of the submitted revision; approve at once if none is awaited."""
        from community.actions.story_consents import request_story_consents

        task_state = super().start(workflow_state, user=user)
        story = task_state.revision.as_object()
        if not request_story_consents(story, acting_user=user):
            # Wagtail moves on to the next task when the started state is no longer in progress.
            task_state.approve(user=user, update=False)
        return task_state

    def get_actions(self, obj, user):
        from community.permissions import can_override_story_consent

        if can_override_story_consent(user):
            return [("override", _("Override pending consents"), True)]
        return []

    def get_form_for_action(self, action):
        if action == "override":
            return OverrideConsentForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from community.actions.story_consents import do_override_story_consents

        if action_name == "override":
            do_override_story_consents(
                task_state.revision.object_id, acting_user=user, note=kwargs.get("note", "")
            )
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from community.permissions import can_override_story_consent

        if can_override_story_consent(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

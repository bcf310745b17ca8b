"""Stories made of ideas: where they go, the workflow they pass, and the text they quote."""

import html
import re

import nh3
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from .models import (
    CommunityStoriesIndexPage,
    CommunityStoryPage,
    ContributorConsentTask,
    IdeaStatus,
    ModerationSettings,
)
from .roles import EDITORS, grant_stories_index_permissions

# Content, not interface: brands rename them in the admin like any workflow or status.
STORY_WORKFLOW_NAME = "Story publication"
CONSENT_TASK_NAME = "Contributor consent"
APPROVAL_TASK_NAME = "Editors' approval"
PROMOTED_STATUS_SLUG = "promoted"

_BLOCK_ENDS = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|blockquote|pre|tr|div)>", re.IGNORECASE)


def plain_text(rendered_html):
    """The words of a post's rendered markup as plain text: no tags, paragraphs kept."""
    text = nh3.clean(_BLOCK_ENDS.sub("\n", str(rendered_html or "")), tags=set())
    lines = [" ".join(line.split()) for line in html.unescape(text).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def promotion_index(moderation_settings=None):
    """The stories index promoted ideas go to: the one set in settings, else the first live one."""
    chosen = (moderation_settings or ModerationSettings.load()).stories_index
    return chosen or CommunityStoriesIndexPage.objects.live().order_by("path").first()


def promoted_status():
    """The idea status of promoted ideas (None if a brand deleted it)."""
    return IdeaStatus.objects.filter(slug=PROMOTED_STATUS_SLUG).first()


def live_story_of(topic):
    """The live story made of `topic`'s idea, or None."""
    return CommunityStoryPage.objects.live().filter(source_idea_id=topic.pk).first()


def story_workflow():
    """The "Story publication" workflow: contributor consent, then the editors' approval."""
    workflow = Workflow.objects.filter(name=STORY_WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=STORY_WORKFLOW_NAME)
    consent = ContributorConsentTask.objects.create(name=CONSENT_TASK_NAME)
    approval = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    approval.groups.set(Group.objects.filter(name=EDITORS))
    WorkflowTask.objects.create(workflow=workflow, task=consent, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=1)
    return workflow


@transaction.atomic
def set_up_stories_index(index):
    """Make every story under `index` pass the story workflow; let moderators draft there."""
    WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": story_workflow()})
    grant_stories_index_permissions(index)


def set_up_stories_indexes():
    """The same for every stories index there is (after each migrate); changes nothing twice."""
    for index in CommunityStoriesIndexPage.objects.all():
        set_up_stories_index(index)

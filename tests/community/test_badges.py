"""Badges reward outcomes, each awarded once with the date it was earned."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from community import models, signals
from community.actions import do_decide_tester_application
from community.models import BadgeAward, Idea
from tests.factories import create_campaign, create_topic, create_user, set_idea_status


def kinds(user):
    return sorted(BadgeAward.objects.filter(user=user).values_list("kind", flat=True))


@pytest.fixture
def author(db):
    return create_user()


def test_an_approved_idea_earns_the_first_idea_badge_once(author):
    first = create_topic(poster=author)
    create_topic(poster=author)
    assert kinds(author) == ["first_approved_idea"]
    assert BadgeAward.objects.get(user=author).earned_at == first.created


def test_an_idea_waiting_for_approval_earns_nothing_until_approved(author):
    topic = create_topic(poster=author, approved=False)
    assert kinds(author) == []
    topic.approved = True
    topic.save()
    assert kinds(author) == ["first_approved_idea"]


def test_a_moderated_approval_earns_the_first_idea_badge(author):
    from machina.apps.forum_conversation.models import Post, Topic

    topic = create_topic(poster=author, approved=False)
    # Approved without a model save, as a moderation action may do, then announced.
    Topic.objects.filter(pk=topic.pk).update(approved=True)
    post = Post.objects.select_related("topic").get(pk=topic.first_post_id)
    for _time in range(2):
        signals.post_moderated.send(
            sender=None, post=post, approved=True, reason="", acting_user=None
        )
    assert kinds(author) == ["first_approved_idea"]


def test_a_refused_post_earns_nothing(author):
    topic = create_topic(poster=author, approved=False)
    signals.post_moderated.send(
        sender=None, post=topic.first_post, approved=False, reason="Spam", acting_user=None
    )
    assert kinds(author) == []


def test_planned_and_launched_statuses_earn_badges_kept_when_the_status_changes(
    author, django_capture_on_commit_callbacks
):
    topic = create_topic(poster=author)
    other = create_topic(poster=author)
    with django_capture_on_commit_callbacks(execute=True):
        set_idea_status(topic, "under-review")
    assert kinds(author) == ["first_approved_idea"]
    with django_capture_on_commit_callbacks(execute=True):
        set_idea_status(topic, "planned")
        set_idea_status(other, "planned")
        set_idea_status(topic, "launched")
        set_idea_status(topic, "declined", reason="Too costly after all.")
    assert kinds(author) == ["first_approved_idea", "idea_launched", "idea_planned"]
    planned = BadgeAward.objects.get(user=author, kind="idea_planned")
    assert planned.idea_id == topic.pk


def test_a_selected_tester_earns_the_tester_badge_and_a_declined_one_does_not(
    db, editor, django_capture_on_commit_callbacks
):
    from tests.factories import tester_call_block

    block = tester_call_block()
    campaign = create_campaign(body=[block])
    selected, declined = create_user(), create_user()
    for applicant, status in ((selected, "selected"), (declined, "declined")):
        application = models.TesterApplication.objects.create(
            page=campaign,
            call_id=block["id"],
            applicant=applicant,
            motivation="I love soap.",
            availability="Weekends",
            consent_to_contact=True,
        )
        with django_capture_on_commit_callbacks(execute=True):
            do_decide_tester_application(application, status, acting_user=editor)
    assert kinds(selected) == ["product_tester"]
    assert kinds(declined) == []


def test_a_promoted_idea_earns_its_badge_and_credit_once(author):
    topic = create_topic(poster=author)
    idea = Idea.objects.create(topic=topic)
    story = Page.objects.get(depth=2)
    for _time in range(2):
        signals.idea_promoted.send(sender=None, idea=idea, story=story, acting_user=None)
    assert kinds(author) == ["first_approved_idea", "idea_promoted"]
    assert author.story_credits.get().story_id == story.pk


def test_the_command_awards_badges_for_past_outcomes_once(author):
    topic = create_topic(poster=author)
    set_idea_status(topic, "planned")  # Its signal never fires: on_commit is not run here.
    BadgeAward.objects.all().delete()
    call_command("award_badges", verbosity=0)
    call_command("award_badges", verbosity=0)
    assert kinds(author) == ["first_approved_idea", "idea_planned"]
    assert (
        BadgeAward.objects.get(kind="idea_planned").earned_at
        == topic.idea.status_changes.get().changed_at
    )

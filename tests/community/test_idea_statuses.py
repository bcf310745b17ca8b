"""Idea statuses: snippets with seven defaults, set by moderators and editors through one action."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from brandsite.core.page_cache import invalidate_anonymous_pages
from community import signals
from community.actions import ActionRefused, do_set_idea_status
from community.models import Idea, IdeaStatus, IdeaStatusChange
from tests.factories import create_topic, set_idea_status

pytestmark = pytest.mark.django_db


def topic_url(topic):
    forum = topic.forum
    return f"/forum/forum/{forum.slug}-{forum.pk}/topic/{topic.slug}-{topic.pk}/"


def post_status(client, topic, status, reason=""):
    return client.post(f"/community/ideas/{topic.pk}/status/", {"status": status, "reason": reason})


def nothing_written():
    return (
        not IdeaStatusChange.objects.exists()
        and not Idea.objects.filter(status__isnull=False).exists()
        and not ModelLogEntry.objects.filter(action="community.idea.status").exists()
    )


@pytest.fixture
def topic():
    return create_topic(subject="A fig and cedar soap")


def test_eight_default_statuses_exist_with_one_default():
    statuses = {status.slug: status for status in IdeaStatus.objects.all()}
    assert list(statuses) == [
        "new",
        "under-review",
        "planned",
        "in-progress",
        "launched",
        "declined",
        "duplicate",
        "promoted",
    ]
    assert {slug for slug, status in statuses.items() if status.requires_reason} == {
        "declined",
        "duplicate",
    }
    assert [status.slug for status in IdeaStatus.objects.filter(is_default=True)] == ["new"]
    assert IdeaStatus.objects.default().slug == "new"
    assert all(len(status.colour) == 7 and status.colour[0] == "#" for status in statuses.values())


def test_a_second_default_status_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        IdeaStatus.objects.create(name="Fresh", slug="fresh", is_default=True)


def test_colour_must_be_a_hex_colour():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        IdeaStatus(name="Odd", slug="odd", colour="red").full_clean()
    IdeaStatus(name="Teal", slug="teal", colour="#0F766E").full_clean()


def test_a_new_topic_shows_the_default_status_without_history(client, topic):
    html = client.get(topic_url(topic)).content.decode()
    assert 'id="idea-status"' in html
    assert '<circle cx="6" cy="6" r="6" fill="#6b7280"/></svg>New</span>' in html
    assert "Status history" not in html
    assert "idea-status-form" not in html


def test_moderator_sets_under_review(client_as, moderator, topic):
    client = client_as(moderator)
    response = post_status(client, topic, "under-review")
    assert response.status_code == 302
    assert response["Location"] == f"{topic_url(topic)}#idea-status"

    idea = Idea.objects.get(topic=topic)
    assert idea.status.slug == "under-review"
    change = IdeaStatusChange.objects.get()
    assert (change.idea, change.status, change.changed_by) == (idea, idea.status, moderator)
    entry = ModelLogEntry.objects.get(action="community.idea.status")
    assert entry.user_id == moderator.pk
    assert entry.data == {"status": "under-review", "previous": "new"}

    html = client.get(topic_url(topic)).content.decode()
    assert 'fill="#2563eb"/></svg>Under review</span>' in html
    assert "Status history" in html
    assert f'<time datetime="{change.changed_at.isoformat()}' in html
    assert "The idea&#x27;s status is changed." in html


def test_declined_needs_a_reason_and_shows_it_escaped(client_as, moderator, topic):
    client = client_as(moderator)
    response = post_status(client, topic, "declined", reason="   ")
    assert response.status_code == 400
    assert "needs a public reason" in response.content.decode()
    assert nothing_written()

    reason = "We tried <script>alert(1)</script> & it failed."
    assert post_status(client, topic, "declined", reason=reason).status_code == 302
    assert IdeaStatusChange.objects.get().reason == reason
    html = client.get(topic_url(topic)).content.decode()
    assert "We tried &lt;script&gt;alert(1)&lt;/script&gt; &amp; it failed." in html
    assert "<script>alert(1)" not in html


def test_the_same_status_twice_is_refused(client_as, moderator, topic):
    client = client_as(moderator)
    response = post_status(client, topic, "new")
    assert response.status_code == 400
    assert "already" in response.content.decode()
    assert nothing_written()

    post_status(client, topic, "planned")
    response = post_status(client, topic, "planned")
    assert response.status_code == 400
    assert "This idea is already “Planned”" in response.content.decode()
    assert IdeaStatusChange.objects.count() == 1


def test_an_overlong_reason_is_refused(moderator, topic):
    status = IdeaStatus.objects.get(slug="declined")
    with pytest.raises(ActionRefused):
        do_set_idea_status(topic, status, reason="x" * 1001, acting_user=moderator)
    assert nothing_written()


def test_unknown_status_is_refused(client_as, moderator, topic):
    response = post_status(client_as(moderator), topic, "nonsense")
    assert response.status_code == 400
    assert "Choose one of the statuses shown." in response.content.decode()
    assert nothing_written()


def test_consumer_is_refused_and_sees_no_form(client_as, consumer, topic):
    client = client_as(consumer)
    response = post_status(client, topic, "planned")
    assert response.status_code == 403
    assert "Only moderators and editors" in response.content.decode()
    assert nothing_written()
    assert "idea-status-form" not in client.get(topic_url(topic)).content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(client, topic):
    response = post_status(client, topic, "planned")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert f"{topic_url(topic)}%23idea-status" in response["Location"]
    assert nothing_written()


def test_anonymous_action_call_is_denied(anonymous, topic):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        do_set_idea_status(topic, IdeaStatus.objects.get(slug="planned"), acting_user=anonymous)
    assert nothing_written()


def test_editor_may_set_a_status(client_as, editor, topic):
    # Editors hold no forum grants (forum/permissions.py), so they set statuses without reading
    # the forum's pages; the form is tested with a moderator.
    assert post_status(client_as(editor), topic, "launched").status_code == 302
    assert Idea.objects.get(topic=topic).status.slug == "launched"
    assert IdeaStatusChange.objects.get().changed_by == editor


def test_moderator_sees_the_form_with_every_status(client_as, moderator, topic):
    html = client_as(moderator).get(topic_url(topic)).content.decode()
    assert f'action="/community/ideas/{topic.pk}/status/"' in html
    assert '<option value="new" selected>New</option>' in html
    assert '<option value="declined">Declined (reason required)</option>' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_only_editors_and_moderators_hold_the_permission():
    from django.contrib.auth.models import Group

    holders = Group.objects.filter(permissions__codename="add_ideastatuschange")
    assert sorted(holders.values_list("name", flat=True)) == ["Editors", "Moderators"]


def test_the_signal_is_sent_once_on_commit(moderator, topic, django_capture_on_commit_callbacks):
    received = []

    def record(sender, **kwargs):
        received.append(kwargs)

    signals.idea_status_changed.connect(record, dispatch_uid="test_idea_statuses")
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            set_idea_status(topic, "planned", acting_user=moderator)
        assert received == []
        # The action's own callback, beside the page cache's (every saved row queues one); the
        # receivers it triggers may queue more (e-mails).
        (send,) = [callback for callback in callbacks if callback is not invalidate_anonymous_pages]
        send()
    finally:
        signals.idea_status_changed.disconnect(dispatch_uid="test_idea_statuses")
    assert len(received) == 1
    assert received[0]["change"].status.slug == "planned"
    assert received[0]["previous"].slug == "new"


def test_a_status_in_use_cannot_be_deleted(topic):
    from django.db.models import ProtectedError

    set_idea_status(topic, "planned")
    with pytest.raises(ProtectedError):
        IdeaStatus.objects.get(slug="planned").delete()


def test_admin_lists_and_edits_statuses(client_as, admin_user, moderator):
    from django.urls import reverse

    viewset = IdeaStatus.snippet_viewset
    planned = IdeaStatus.objects.get(slug="planned")
    client = client_as(admin_user)
    response = client.get(reverse(viewset.get_url_name("list")))
    assert response.status_code == 200
    assert "Under review" in response.content.decode()

    edit_url = reverse(viewset.get_url_name("edit"), args=[planned.pk])
    data = {"name": "On the roadmap", "slug": "planned", "colour": "#0f766e", "sort_order": 2}
    assert client.post(edit_url, {**data, "colour": "teal"}).status_code == 200
    assert client.post(edit_url, data).status_code == 302
    planned.refresh_from_db()
    assert (planned.name, planned.colour) == ("On the roadmap", "#0f766e")

    assert client_as(moderator).get(edit_url).status_code in (302, 403)


def queries_of_a_warm_get(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


# A moderator's GET of a topic page: machina's own, the vote panel's, and the status panel's idea
# with its status, its history with each change's status joined in, and the statuses of the form:
# 34 at both sizes when written.
def test_topic_page_query_count_does_not_grow_with_history(client_as, moderator, topic):
    client = client_as(moderator)
    counts = {}
    slugs = ["under-review", "planned"] * 5
    for total in (1, 10):
        while IdeaStatusChange.objects.count() < total:
            set_idea_status(topic, slugs[IdeaStatusChange.objects.count()], acting_user=moderator)
        response, counts[total] = queries_of_a_warm_get(client, topic_url(topic))
        assert response.content.decode().count("<time datetime=") == total
    assert counts[1] == counts[10], counts


def test_anonymous_topic_page_with_a_status_sets_no_cookie(client, topic):
    set_idea_status(topic, "declined", reason="Not for us.")
    response = client.get(topic_url(topic))
    assert "Not for us." in response.content.decode()
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    assert Session.objects.count() == 0

"""Tester calls: consumers apply once, editors decide in the admin, applicants are told."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import ModelLogEntry

from community import actions

# Aliased: pytest would collect names starting with "Test" or "test" as tests.
from community.models import TesterApplication as Application
from community.models import TesterApplicationStatus as Status
from community.roles import CONSUMERS, EDITORS, MODERATORS, sync_roles
from tests.factories import create_campaign, create_user, variant_vote_block
from tests.factories import tester_call_block as call_block

pytestmark = pytest.mark.django_db

LISTING = "/admin/tester-applications/"
APPLICATION = {
    "motivation": "I wash my hands forty times a day.",
    "availability": "Weekends in March",
    "consent_to_contact": "on",
}


def campaign_with_call(**attrs):
    campaign = create_campaign(
        body=[variant_vote_block(), call_block("Test our new soap")], **attrs
    )
    call_id = next(block.id for block in campaign.body if block.block_type == "tester_call")
    return campaign, call_id


def apply(client, campaign, call_id, **fields):
    return client.post(f"{campaign.url}apply/{call_id}/", {**APPLICATION, **fields})


def application_of(campaign, call_id, applicant=None):
    return actions.do_apply_as_tester(
        campaign,
        call_id,
        acting_user=applicant or create_user(),
        motivation="<b>Pick me</b>, I love soap and I test everything I get.",
        availability="Evenings",
        consent_to_contact=True,
    )


# Consumers apply on the campaign page.


def test_consumer_applies_once_and_a_second_application_is_refused(client_as, consumer):
    campaign, call_id = campaign_with_call()
    client = client_as(consumer)

    response = apply(client, campaign, call_id)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#tester-call-{call_id}")
    assert "You applied. Status: Pending." in client.get(campaign.url).content.decode()

    again = apply(client, campaign, call_id, motivation="Once more.")
    assert again.status_code == 409
    assert "You have already applied to this call." in again.content.decode()
    application = Application.objects.get()
    assert (application.applicant, application.motivation) == (consumer, APPLICATION["motivation"])


def test_an_application_without_consent_is_a_form_error(client_as, consumer):
    campaign, call_id = campaign_with_call()
    response = apply(client_as(consumer), campaign, call_id, consent_to_contact="")
    assert response.status_code == 400
    assert "We can only select testers who agree to be contacted." in response.content.decode()
    assert not Application.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in(client):
    campaign, call_id = campaign_with_call()
    response = apply(client, campaign, call_id)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert f"%23tester-call-{call_id}" in response["Location"]
    assert not Application.objects.exists()


# Editors review the applications in the admin.


def test_editor_sees_the_applications_of_one_campaign(client_as, editor):
    campaign, call_id = campaign_with_call(title="Soap of spring")
    other, other_call_id = campaign_with_call(title="Soap of autumn")
    mine = application_of(campaign, call_id, create_user(username="alice"))
    application_of(other, other_call_id, create_user(username="bob"))

    page = client_as(editor).get(LISTING, {"campaign": campaign.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "alice@example.com" in html
    assert "bob@example.com" not in html
    assert "Soap of spring" in html
    assert "Test our new soap" in html  # the call's heading, looked up in the page body
    assert "&lt;b&gt;Pick me&lt;/b&gt;" in html  # the motivation, escaped
    assert "Weekends" not in html and "Evenings" in html
    assert f"/admin/campaign-results/{campaign.pk}/" in html  # the campaign's results

    review = client_as(editor).get(f"{LISTING}{mine.pk}/").content.decode()
    assert "I love soap and I test everything I get." in review
    assert f"{LISTING}{mine.pk}/select/" in review


def test_applications_listing_filters_by_status(client_as, editor):
    campaign, call_id = campaign_with_call()
    pending = application_of(campaign, call_id, create_user(username="pending"))
    declined = application_of(campaign, call_id, create_user(username="declined"))
    actions.do_decide_tester_application(declined, "declined", acting_user=editor)

    html = client_as(editor).get(LISTING, {"status": "declined"}).content.decode()
    assert declined.applicant.email in html
    assert pending.applicant.email not in html


def test_applications_listing_queries_do_not_grow_with_applications(
    client_as, editor, django_assert_max_num_queries
):
    campaign, call_id = campaign_with_call()
    other, other_call_id = campaign_with_call()
    client = client_as(editor)
    application_of(campaign, call_id)
    client.get(LISTING)  # warm the caches that fill once per process

    with django_assert_max_num_queries(16) as few:
        assert client.get(LISTING).status_code == 200
    for _number in range(10):
        application_of(campaign, call_id)
        application_of(other, other_call_id)
    with django_assert_max_num_queries(len(few)) as many:
        assert client.get(LISTING).content.decode().count("@example.com") == 21
    assert len(many) == len(few)


def test_editor_selects_one_and_declines_another_and_applicants_are_told(
    client_as, editor, mailoutbox, django_capture_on_commit_callbacks
):
    campaign, call_id = campaign_with_call(title="Soap <script>alert(1)</script> & co")
    chosen = application_of(campaign, call_id, create_user(username="chosen"))
    other = application_of(campaign, call_id, create_user(username="other"))
    client = client_as(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{LISTING}{chosen.pk}/select/", {"next": LISTING})
    assert response.status_code == 302
    assert response["Location"] == LISTING
    chosen.refresh_from_db()
    assert (chosen.status, chosen.decided_by) == (Status.SELECTED, editor)
    entry = ModelLogEntry.objects.get(action="community.tester_application.selected")
    assert (entry.object_id, entry.user) == (str(chosen.pk), editor)

    [mail] = mailoutbox
    assert mail.to == ["chosen@example.com"]
    assert "selected" in mail.subject
    assert "Soap <script>alert(1)</script> & co" in mail.body  # plain text is not HTML
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html"
    assert "Soap &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "<script>" not in html

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{LISTING}{other.pk}/decline/")
    other.refresh_from_db()
    assert other.status == Status.DECLINED
    assert ModelLogEntry.objects.filter(action="community.tester_application.declined").exists()
    assert mailoutbox[1].to == ["other@example.com"]
    assert "could not select you" in mailoutbox[1].body
    history = client.get(f"{LISTING}{other.pk}/history/").content.decode()
    assert "Tester application declined" in history


def test_bulk_select_from_the_listing_skips_those_already_selected(
    client_as, editor, mailoutbox, django_capture_on_commit_callbacks
):
    campaign, call_id = campaign_with_call()
    first, second, already = (application_of(campaign, call_id) for _number in range(3))
    actions.do_decide_tester_application(already, "selected", acting_user=editor)
    url = "/admin/bulk/community/testerapplication/select/"
    query = f"?id={first.pk}&id={second.pk}&id={already.pk}&next={LISTING}"
    client = client_as(editor)

    confirmation = client.get(url + query)
    assert confirmation.status_code == 200
    assert "Select these 2 applicants as testers?" in confirmation.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + query)
    assert response.status_code == 302
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == {Status.SELECTED}
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [first.applicant.email, second.applicant.email]
    )


def test_bulk_select_all_in_listing_keeps_to_the_listing_filter(
    client_as, editor, django_capture_on_commit_callbacks
):
    campaign, call_id = campaign_with_call()
    other, other_call_id = campaign_with_call()
    mine = application_of(campaign, call_id)
    theirs = application_of(other, other_call_id)
    url = f"/admin/bulk/community/testerapplication/decline/?id=all&campaign={campaign.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        client_as(editor).post(url)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("declined", "pending")


@pytest.mark.parametrize("role", ["moderator", "consumer"])
def test_only_editors_may_see_or_decide(client_as, role, mailoutbox):
    campaign, call_id = campaign_with_call()
    application = application_of(campaign, call_id)
    client = client_as(create_user(role))
    sign_in_or_home = "/admin/login/" if role == "consumer" else "/admin/"

    for response in (
        client.get(LISTING),
        client.get(f"{LISTING}{application.pk}/"),
        client.post(f"{LISTING}{application.pk}/select/"),
        client.post(f"/admin/bulk/community/testerapplication/select/?id={application.pk}"),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(sign_in_or_home)
    application.refresh_from_db()
    assert application.status == Status.PENDING
    assert not mailoutbox


def test_a_viewer_without_change_permission_is_refused_the_decision(client_as):
    campaign, call_id = campaign_with_call()
    application = application_of(campaign, call_id)
    viewer = create_user("moderator")
    viewer.user_permissions.add(Permission.objects.get(codename="view_testerapplication"))
    client = client_as(viewer)

    assert client.get(LISTING).status_code == 200
    assert "/select/" not in client.get(f"{LISTING}{application.pk}/").content.decode()
    response = client.post(f"{LISTING}{application.pk}/select/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    application.refresh_from_db()
    assert application.status == Status.PENDING


def test_deciding_is_a_post(client_as, editor):
    campaign, call_id = campaign_with_call()
    application = application_of(campaign, call_id)
    assert client_as(editor).get(f"{LISTING}{application.pk}/select/").status_code == 405


def test_campaign_edit_view_links_to_its_applications(client_as, editor, moderator):
    campaign, _call_id = campaign_with_call()
    html = client_as(editor).get(f"/admin/pages/{campaign.pk}/edit/").content.decode()
    assert "Applications and results" in html
    assert f"{LISTING}?campaign={campaign.pk}" in html
    explorer = client_as(editor).get(f"/admin/pages/{campaign.get_parent().pk}/").content.decode()
    assert f"{LISTING}?campaign={campaign.pk}" in explorer


def test_the_campaigns_menu_is_shown_to_editors_only(client_as, editor, moderator):
    assert LISTING in client_as(editor).get("/admin/").content.decode()
    assert LISTING not in client_as(moderator).get("/admin/").content.decode()


# Roles


def test_editors_alone_may_read_and_decide_applications():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    wanted = {"view_testerapplication", "change_testerapplication"}
    assert wanted <= codenames(EDITORS)
    assert not wanted & codenames(MODERATORS)
    assert not wanted & codenames(CONSUMERS)


def test_sync_roles_restores_the_model_permissions_and_takes_stray_ones_back():
    editors = Group.objects.get(name=EDITORS)
    moderators = Group.objects.get(name=MODERATORS)
    change = Permission.objects.get(codename="change_testerapplication")
    editors.permissions.remove(change)
    moderators.permissions.add(change)
    sync_roles()
    sync_roles()
    assert editors.permissions.filter(pk=change.pk).count() == 1
    assert not moderators.permissions.filter(pk=change.pk).exists()

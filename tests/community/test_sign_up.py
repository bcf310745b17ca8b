"""Sign-up asks for consent to the terms and the licence, and for a credit choice."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from community.models import CommunitySettings, ConsentRecord, ContributorProfile
from tests.factories import create_profile, create_user

SIGN_UP = "/accounts/signup/"


def sign_up_data(**overrides):
    data = {
        "email": "newcomer@example.com",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
        "credit_preference": "pseudonym",
        "pseudonym": "Fig & Moss",
        "display_name": "",
        "accept_terms": "on",
        "accept_licence": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def nothing_created():
    return (
        not get_user_model().objects.filter(email="newcomer@example.com").exists()
        and not ContributorProfile.objects.exists()
        and not ConsentRecord.objects.exists()
    )


@pytest.mark.django_db
def test_the_form_offers_the_consents_with_links_and_versions_and_an_unticked_opt_in(client):
    from wagtail.models import Page

    community_settings = CommunitySettings.load()
    community_settings.terms_page = Page.objects.get(depth=2)
    community_settings.terms_version = "2.1"
    community_settings.save()
    html = client.get(SIGN_UP).content.decode()
    assert 'I accept the <a href="/">terms of use</a> (version 2.1)' in html
    assert "I license my contributions under the contribution licence (version 1.0)" in html
    opt_in = re.search(r'<input[^>]*name="marketing_opt_in"[^>]*>', html).group(0)
    assert 'type="checkbox"' in opt_in
    assert "checked" not in opt_in


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["accept_terms", "accept_licence"])
def test_a_missing_consent_is_a_form_error_and_creates_nothing(client, missing):
    response = client.post(SIGN_UP, sign_up_data(**{missing: None}))
    assert response.status_code == 200
    assert response.context["form"].errors[missing]
    assert nothing_created()


@pytest.mark.django_db
def test_sign_up_stores_the_consents_with_versions_and_time_and_the_profile(client):
    community_settings = CommunitySettings.load()
    community_settings.licence_version = "3"
    community_settings.save()
    before = timezone.now()
    response = client.post(SIGN_UP, sign_up_data())
    assert response.status_code == 302
    user = get_user_model().objects.get(email="newcomer@example.com")
    records = {r.document: r for r in ConsentRecord.objects.filter(user=user)}
    assert (records["terms"].version, records["terms"].given) == ("1.0", True)
    assert (records["licence"].version, records["licence"].given) == ("3", True)
    assert all(record.recorded_at >= before for record in records.values())
    # Not ticked: the marketing answer is a no, recorded as such.
    assert records["marketing"].given is False
    profile = user.contributor_profile
    assert (profile.pseudonym, profile.credit_preference) == ("Fig & Moss", "pseudonym")
    assert profile.marketing_opt_in is False


@pytest.mark.django_db
def test_ticking_the_opt_in_records_it(client):
    client.post(SIGN_UP, sign_up_data(marketing_opt_in="on"))
    user = get_user_model().objects.get(email="newcomer@example.com")
    assert user.contributor_profile.marketing_opt_in
    assert ConsentRecord.objects.current(user, "marketing").given


@pytest.mark.django_db
def test_a_pseudonym_is_required_when_chosen(client):
    response = client.post(SIGN_UP, sign_up_data(pseudonym=""))
    assert response.status_code == 200
    assert response.context["form"].errors["pseudonym"]
    assert nothing_created()


@pytest.mark.django_db
def test_a_display_name_is_required_when_chosen(client):
    response = client.post(SIGN_UP, sign_up_data(credit_preference="display_name"))
    assert response.context["form"].errors["display_name"]
    assert nothing_created()


@pytest.mark.django_db
def test_anonymous_credit_needs_no_name(client):
    assert (
        client.post(SIGN_UP, sign_up_data(credit_preference="anonymous", pseudonym="")).status_code
        == 302
    )
    assert ContributorProfile.objects.get().credit_preference == "anonymous"


@pytest.mark.django_db
def test_a_pseudonym_taken_in_another_case_is_refused(client):
    create_profile(pseudonym="Fig & Moss")
    response = client.post(SIGN_UP, sign_up_data(pseudonym="fig & MOSS"))
    assert response.status_code == 200
    assert "already uses this pseudonym" in str(response.context["form"].errors["pseudonym"])
    assert not get_user_model().objects.filter(email="newcomer@example.com").exists()


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_pseudonym_in_another_case():
    from django.db import IntegrityError, transaction

    first = create_profile(pseudonym="Fig")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributorProfile.objects.create(user=create_user(), pseudonym="fIG")
    assert first.pk


@pytest.mark.django_db
def test_an_e_mail_address_as_pseudonym_is_refused(client):
    response = client.post(SIGN_UP, sign_up_data(pseudonym="me@example.org"))
    assert response.context["form"].errors["pseudonym"]
    assert nothing_created()


@pytest.mark.django_db
def test_a_pseudonym_taken_between_check_and_save_is_refused_clearly(client, monkeypatch):
    from community.accounts import SignupForm

    # Someone else takes the pseudonym after this form checked it: let the check pass.
    create_profile(create_user(), pseudonym="fig & moss")
    monkeypatch.setattr(SignupForm, "clean_pseudonym", lambda form: "Fig & Moss")

    response = client.post(SIGN_UP, sign_up_data(), follow=True)

    assert response.redirect_chain == [(SIGN_UP, 302)]
    assert "Someone already uses this pseudonym" in response.content.decode()
    assert not get_user_model().objects.filter(email="newcomer@example.com").exists()
    assert ContributorProfile.objects.count() == 1

"""Account settings: public name, credit choice, brand news, notification e-mails, avatar."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import ConsentRecord, ContributorProfile
from tests.factories import create_profile, create_user

SETTINGS = "/community/account/"
AVATAR = "/community/account/avatar/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def choices(**overrides):
    data = {
        "credit_preference": "pseudonym",
        "pseudonym": "Fig & Moss",
        "display_name": "Camille D.",
        "notification_frequency": "daily",
    }
    data.update(overrides)
    return data


def image_file(image_format="PNG", size=(40, 40), name=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#7c3aed").save(buffer, format=image_format)
    extension = image_format.lower()
    return SimpleUploadedFile(name or f"me.{extension}", buffer.getvalue(), f"image/{extension}")


@pytest.mark.parametrize("url", [SETTINGS, AVATAR, "/community/account/consent/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, url):
    response = client.get(url) if url != AVATAR else client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_page_shows_the_current_choices_and_links_from_account_pages(client_as, consumer):
    create_profile(consumer, pseudonym="Fig & Moss", notification_frequency="never")
    client = client_as(consumer)
    html = client.get(SETTINGS).content.decode()
    assert 'value="Fig &amp; Moss"' in html
    never = re.search(r'<input[^>]*value="never"[^>]*>', html).group(0)
    assert "checked" in never
    assert 'href="/community/account/"' in client.get("/accounts/email/").content.decode()
    assert 'href="/community/account/"' in client.get("/").content.decode()


def test_changes_are_stored_and_a_marketing_change_is_a_new_consent_record(client_as, consumer):
    create_profile(consumer, pseudonym="Old name")
    client = client_as(consumer)
    response = client.post(SETTINGS, choices(marketing_opt_in="on"))
    assert response.status_code == 302
    profile = ContributorProfile.objects.get(user=consumer)
    assert (profile.pseudonym, profile.display_name) == ("Fig & Moss", "Camille D.")
    assert profile.marketing_opt_in
    assert profile.notification_frequency == "daily"
    client.post(SETTINGS, choices())
    answers = ConsentRecord.objects.filter(user=consumer, document="marketing")
    assert [record.given for record in answers] == [False, True, False]
    # Saving again without a change records nothing new.
    client.post(SETTINGS, choices())
    assert answers.count() == 3


def test_a_user_without_a_profile_gets_one(client_as, consumer):
    assert client_as(consumer).post(SETTINGS, choices()).status_code == 302
    assert ContributorProfile.objects.get(user=consumer).pseudonym == "Fig & Moss"


def test_a_user_cannot_change_another_users_profile(client_as, consumer):
    other = create_user()
    create_profile(other, pseudonym="Other")
    client = client_as(consumer)
    client.post(SETTINGS, {**choices(pseudonym="Hijack"), "user": other.pk, "user_id": other.pk})
    assert ContributorProfile.objects.get(user=other).pseudonym == "Other"
    assert ContributorProfile.objects.get(user=consumer).pseudonym == "Hijack"


def test_the_action_refuses_to_change_another_users_profile(consumer):
    from community.actions import ActionRefused, do_update_contributor_profile

    other = create_user()
    with pytest.raises(ActionRefused):
        do_update_contributor_profile(other, acting_user=consumer, pseudonym="Hijack")
    assert not ContributorProfile.objects.filter(user=other).exists()


def test_someone_elses_pseudonym_is_refused_but_ones_own_is_kept(client_as, consumer):
    create_profile(pseudonym="Taken")
    create_profile(consumer, pseudonym="Mine")
    client = client_as(consumer)
    response = client.post(SETTINGS, choices(pseudonym="TAKEN"))
    assert response.status_code == 400
    assert "already uses this pseudonym" in response.content.decode()
    assert client.post(SETTINGS, choices(pseudonym="mine")).status_code == 302


def test_xss_in_names_is_escaped_on_the_settings_page(client_as, consumer):
    payload = "<script>alert(1)</script>"
    client = client_as(consumer)
    client.post(SETTINGS, choices(pseudonym=payload, display_name=payload))
    html = client.get(SETTINGS).content.decode()
    assert payload not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP", "GIF"])
def test_an_avatar_of_an_accepted_format_is_stored_as_png(client_as, consumer, image_format):
    client = client_as(consumer)
    response = client.post(AVATAR, {"avatar": image_file(image_format)})
    assert response.status_code == 302
    avatar = consumer.forum_profile.__class__.objects.get(user=consumer).avatar
    assert avatar.name.endswith(".png")
    assert client.get(SETTINGS).content.decode().count(avatar.url) == 1


def refused_upload(client, upload):
    response = client.post(AVATAR, {"avatar": upload})
    assert response.status_code == 400
    from machina.apps.forum_member.models import ForumProfile

    assert not ForumProfile.objects.exclude(avatar="").exclude(avatar=None).exists()
    assert [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()] == []
    return response.context["avatar_form"].errors["avatar"][0]


def test_an_oversized_avatar_is_refused(client_as, consumer):
    noise = Image.effect_noise((1400, 1400), 100).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 1024 * 1024
    upload = SimpleUploadedFile("big.png", buffer.getvalue(), "image/png")
    assert "1.0\xa0MB at most" in refused_upload(client_as(consumer), upload)


def test_an_svg_avatar_is_refused(client_as, consumer):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    upload = SimpleUploadedFile("me.svg", svg, "image/svg+xml")
    assert "PNG, JPEG, WebP or GIF" in refused_upload(client_as(consumer), upload)


def test_an_svg_named_as_a_png_is_refused(client_as, consumer):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    upload = SimpleUploadedFile("me.png", svg, "image/png")
    assert "PNG, JPEG, WebP or GIF" in refused_upload(client_as(consumer), upload)


def test_another_format_is_refused_whatever_its_name(client_as, consumer):
    upload = image_file("BMP", name="me.png")
    assert "PNG, JPEG, WebP or GIF" in refused_upload(client_as(consumer), upload)


def test_text_named_as_an_image_is_refused(client_as, consumer):
    upload = SimpleUploadedFile("me.png", b"not an image at all", "image/png")
    assert "PNG, JPEG, WebP or GIF" in refused_upload(client_as(consumer), upload)


def test_the_avatar_can_be_removed(client_as, consumer):
    client = client_as(consumer)
    client.post(AVATAR, {"avatar": image_file()})
    assert client.post("/community/account/avatar/remove/").status_code == 302
    consumer.forum_profile.refresh_from_db()
    assert not consumer.forum_profile.avatar

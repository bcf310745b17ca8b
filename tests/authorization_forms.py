"""The forms the matrix's rows send, named in its `data` column.

Each is the data of a valid submission, so that a role allowed to act does act: a plain dict, or
a function of the world for data that names the world's objects or carries a fresh upload.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection

from tests.authorization import image_upload
from tests.community.notifying import EMPTY_FORMSETS
from tests.factories import DEFAULT_PASSWORD

NEW_PASSWORD = "another long passphrase"
_GROUP_PERMISSION_FORMSETS = {
    f"{prefix}_permissions-{field}": value
    for prefix in ("page", "collection", "document", "image")
    for field, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MAX_NUM_FORMS", "1000"))
}


def _in_root_collection(title, upload):
    return {
        "title": title,
        "file": upload,
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }


FORMS = {
    # Ideas, reports, stories.
    "idea_status": {"status": "planned", "reason": "We are making it."},
    "merge": lambda world: {
        "target_ref": str(world["target"]),
        "confirm": "1",
        "reason": "The same idea.",
    },
    "report": {"reason": "Rude to other members."},
    "story_answer": {"answer": "decline"},
    "promotion": {"summary": "Born in the forum."},
    "override_note": {"note": "They agreed by phone."},
    # Campaigns.
    "page_view": lambda world: {"page": str(world["campaign"])},
    "variant_vote": lambda world: {"variant": world["variant"]},
    "tester_application": {
        "motivation": "I test soaps.",
        "availability": "Evenings",
        "consent_to_contact": "on",
    },
    # Account settings.
    "account": {
        "credit_preference": "pseudonym",
        "pseudonym": "A brand new name",
        "display_name": "",
        "notification_frequency": "daily",
    },
    "avatar_upload": lambda world: {"avatar": image_upload()},
    "documents": {"accept_terms": "on", "accept_licence": "on"},
    "delete_account": {"posts": "keep", "password": DEFAULT_PASSWORD},
    # The forum.
    "new_topic": {
        "subject": "Soap flakes in paper bags",
        "content": "No plastic at all.",
        "topic_type": "0",
        "post_despite_similar_ideas": "1",
        **EMPTY_FORMSETS,
    },
    "topic_edit": {
        "subject": "Refill bottles (edited)",
        "content": "Edited.",
        "topic_type": "0",
        **EMPTY_FORMSETS,
    },
    "new_reply": {"subject": "Re: refill", "content": "Me too.", **EMPTY_FORMSETS},
    "reply_edit": {"subject": "Re: refill", "content": "Edited reply.", **EMPTY_FORMSETS},
    "poll_vote": lambda world: {"options": [world["option"]]},
    "rejection": {"reason": "Off topic."},
    "topic_move": lambda world: {"forum": world["other_forum"]},
    # Moderation screens and snippets.
    "ban": lambda world: {
        "user": world.user("consumer").username,
        "reason": "Spam.",
        "ends_at": "",
    },
    "lift": {"reason": "Apologised."},
    "watched_word": {"word": "freebie", "action": "hold"},
    "rejection_reason": {"title": "Advertising", "text": "No advertising, please."},
    "status_snippet": {
        "name": "Testing",
        "slug": "testing",
        "colour": "#2563eb",
        "sort_order": "9",
    },
    "blog_author": {"name": "Dominique"},
    # Wagtail's screens.
    "image": lambda world: _in_root_collection("Logo", image_upload("logo.png")),
    "document": lambda world: _in_root_collection(
        "Brief", SimpleUploadedFile("brief.txt", b"The brief.", "text/plain")
    ),
    "seo_settings": {"min_replies": "7", "min_votes": "7"},
    "new_user": {
        "username": "newcomer",
        "email": "newcomer@example.com",
        "first_name": "New",
        "last_name": "Comer",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    },
    "user_edit": lambda world: {
        "username": world.user("consumer").username,
        "email": world.user("consumer").email,
        "first_name": "Renamed",
        "last_name": "Member",
        "is_active": "on",
    },
    "group": {"name": "Panel", **_GROUP_PERMISSION_FORMSETS},
    # Signing in and accounts.
    "sign_in": lambda world: {"login": world.user("author").email, "password": DEFAULT_PASSWORD},
    "admin_sign_in": lambda world: {
        "username": world.user("editor").username,
        "password": DEFAULT_PASSWORD,
    },
    "wrong_sign_in": {"username": "nobody", "password": "wrong"},
    "sign_up": {
        "email": "newcomer@example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "credit_preference": "pseudonym",
        "pseudonym": "Newcomer",
        "accept_terms": "on",
        "accept_licence": "on",
    },
    "add_email": {"action_add": "", "email": "another.address@example.com"},
    "password_change": {
        "oldpassword": DEFAULT_PASSWORD,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    },
    "password_set": {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    "password_reset": lambda world: {"email": world.user("author").email},
    "reauthenticate": {"password": DEFAULT_PASSWORD},
    "login_code": {"code": "123456"},
    "page_password": {"password": "wrong", "return_url": "/"},
}


def form_data(name, world):
    """The data of the form `name` ("-": none)."""
    data = FORMS[name] if name != "-" else {}
    return data(world) if callable(data) else data

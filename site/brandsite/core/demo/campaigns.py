"""Demo campaigns: an open scent consultation, an open naming vote, a decided logo vote."""

from datetime import timedelta

from django.utils import timezone
from machina.apps.forum_conversation.models import Post, Topic

from community.actions import do_cast_variant_vote
from community.models import CampaignIndexPage, CampaignPage, CampaignStatus, VariantVote

from .images import demo_image, logo_picture, scent_picture
from .pages import publish_child, stable_id, stream

SCENT_QUESTION = "Which scent should our new soap have?"
SCENTS = (
    # label, description, colour field from top to bottom
    ("Fig leaf", "Green, milky, sweet: shade in an orchard.", (214, 232, 200), (150, 190, 140)),
    ("Vetiver", "Earthy and smoky, with a dry woody finish.", (226, 214, 196), (170, 150, 120)),
    ("Orange blossom", "Bright, floral, honeyed: spring.", (255, 236, 210), (244, 190, 150)),
)
SCENT_PAGE = {
    "title": "Help us choose our new scent",
    "intro": "Three scents, one soap: tell us which one you would buy.",
    "what_is_asked": "Vote for the scent you prefer. You can change your vote until the campaign "
    "closes.",
    "who_may_take_part": "Anyone with an account on this site.",
    "participant_benefits": "Every voter gets 10% off the new soap; ten testers receive it before "
    "the launch.",
}
SCENT_INTRO = (
    "<p>Our perfumer made three scents for the soap we launch next autumn. We will make "
    "<b>one</b>: the one you choose.</p>"
)
TESTER_CALL = {
    "heading": "Test our new soap bar",
    "description": "Ten testers receive the winning soap a month before the launch and tell us "
    "how it feels, lathers and lasts.",
    "places": 10,
}
IDEA_CALL = {
    "heading": "A scent we have not thought of?",
    "text": "Post it in the campaign's forum: the best ideas go to our perfumer.",
    "topics_shown": 5,
}
IDEA_SUBJECT = "Which scent do you miss in our range?"
IDEA_POST = "Tell us the scent you would love in a soap, and why. We read every idea."

NAME_QUESTION = "Which name should our new soap have?"
NAMES = (
    ("Moss & Stone", "Calm and grounded."),
    ("Morning Dew", "Fresh, for the first shower of the day."),
    ("Little Forest", "A walk in the woods in a bar of soap."),
    ("Verde Classic", "Our name, our first soap."),
)
NAME_PAGE = {
    "title": "Name our new soap",
    "intro": "Four names, one soap: pick the name you would ask for in a shop.",
    "what_is_asked": "Vote for one name. The results are shown when the vote closes.",
    "participant_benefits": "The winning name is announced on our blog, with thanks to every "
    "voter.",
}
NAME_INTRO = "<p>It is green, it smells of moss after rain, and it has no name yet.</p>"

LOGO_QUESTION = "Which logo should we print on our soaps?"
LOGOS = (
    ("Leaf", "leaf", (104, 150, 96)),
    ("Drop", "drop", (96, 140, 170)),
    ("Bar", "bar", (196, 160, 110)),
)
LOGO_PAGE = {
    "title": "Our new logo",
    "intro": "Three logos for our soaps: you chose, and here is what we decided.",
    "what_is_asked": "Vote for the logo you want to see on our soaps.",
    "outcome": "<p>The <b>leaf</b> won with most of your votes. It will be printed on every bar "
    "from next spring. Thank you for voting!</p>",
}
#: Demo accounts' choices on the decided logo vote (only with DEBUG, when the accounts exist).
LOGO_VOTES = {"consumer": "Leaf", "moderator": "Leaf", "editor": "Drop", "admin": "Leaf"}


def _variant(question, label, description="", image=None):
    value = {
        "label": label,
        "image": image.pk if image else None,
        "colour": "",
        "description": description,
    }
    return {"type": "item", "id": stable_id(question, label), "value": value}


def _variant_vote(asset_kind, question, variants, show_results="after_vote"):
    value = {
        "asset_kind": asset_kind,
        "question": question,
        "variants": variants,
        "show_results": show_results,
    }
    return ("variant_vote", stable_id(question), value)


def _dates(now, opens, closes, decision):
    """Dates in days from now: the demo stays open (or closed) whenever it is loaded."""
    return {
        "opens_at": now + timedelta(days=opens),
        "closes_at": now + timedelta(days=closes),
        "decision_date": (now + timedelta(days=decision)).date(),
        "status_override": "",
    }


def _scent_image(label, top, bottom):
    return demo_image(
        f"Demo scent: {label}",
        f"A soft colour field for the {label} scent.",
        lambda: scent_picture(label, top, bottom),
    )


def _logo_image(label, shape, colour):
    return demo_image(
        f"Demo logo: {label}",
        f"A candidate logo: a {shape} above the brand's name.",
        lambda: logo_picture(shape, colour),
    )


def scent_campaign(index, now):
    """Open: three illustrated scents, an idea call and a tester call."""
    variants = [
        _variant(SCENT_QUESTION, label, description, _scent_image(label, top, bottom))
        for label, description, top, bottom in SCENTS
    ]
    body = stream(
        ("paragraph", stable_id("scent/intro"), SCENT_INTRO),
        _variant_vote("scent", SCENT_QUESTION, variants),
        ("idea_call", stable_id("scent/ideas"), IDEA_CALL),
        ("tester_call", stable_id("scent/testers"), TESTER_CALL),
    )
    fields = {**SCENT_PAGE, **_dates(now, -28, 30, 40), "outcome": "", "body": body}
    return publish_child(index, CampaignPage, "new-scent", **fields)


def naming_campaign(index, now):
    """Open: a name chosen among four, with results shown once the vote closes."""
    variants = [_variant(NAME_QUESTION, label, description) for label, description in NAMES]
    body = stream(
        ("paragraph", stable_id("name/intro"), NAME_INTRO),
        _variant_vote("name", NAME_QUESTION, variants, show_results="after_close"),
    )
    fields = {**NAME_PAGE, **_dates(now, -2, 21, 28), "outcome": "", "body": body}
    return publish_child(index, CampaignPage, "name-our-soap", **fields)


def logo_campaign(index, now):
    """Closed and decided: the vote is over and the outcome is told."""
    variants = [
        _variant(LOGO_QUESTION, label, image=_logo_image(label, shape, colour))
        for label, shape, colour in LOGOS
    ]
    body = stream(_variant_vote("logo", LOGO_QUESTION, variants))
    fields = {**LOGO_PAGE, **_dates(now, -60, -20, -10), "body": body}
    return publish_child(index, CampaignPage, "new-logo", **fields)


def cast_logo_votes(campaign, users_by_name):
    """The demo accounts' votes on the logo, cast as they were while the vote was open."""
    # The actions refuse votes on a closed campaign, so the votes are replayed on an in-memory
    # copy of the page that is open; nothing of that copy is saved.
    while_open = CampaignPage.objects.get(pk=campaign.pk)
    while_open.status_override = CampaignStatus.OPEN
    for name, label in LOGO_VOTES.items():
        user = users_by_name.get(name)
        if user is None or VariantVote.objects.filter(page=campaign, voter=user).exists():
            continue
        do_cast_variant_vote(
            while_open,
            stable_id(LOGO_QUESTION),
            stable_id(LOGO_QUESTION, label),
            acting_user=user,
        )


def seed_idea(campaign, team):
    """A first thread in the scent campaign's forum, so that its idea call lists something."""
    if Topic.objects.filter(forum=campaign.forum, subject=IDEA_SUBJECT).exists():
        return
    topic = Topic.objects.create(
        forum=campaign.forum,
        poster=team,
        subject=IDEA_SUBJECT,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=True,
    )
    Post.objects.create(topic=topic, poster=team, subject=IDEA_SUBJECT, content=IDEA_POST)


def load_campaigns(home, team, users_by_name):
    """The campaign index and its three campaigns, each published and so given its forum."""
    index = publish_child(
        home,
        CampaignIndexPage,
        "campaigns",
        title="Campaigns",
        intro="Vote on what we make next, post your ideas, test our products before anyone else.",
    )
    now = timezone.now()
    scent = scent_campaign(index, now)
    seed_idea(scent, team)
    naming_campaign(index, now)
    cast_logo_votes(logo_campaign(index, now), users_by_name)
    return {"index": index, "scent": scent}

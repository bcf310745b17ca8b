"""Demo blog: an index, the team as author, and two posts that lead to the campaigns."""

from datetime import timedelta

from django.utils import timezone

from brandsite.blog.models import Author, BlogIndexPage, BlogPage, BlogPageAuthor

from .images import cover_picture, demo_image
from .pages import publish_child, stable_id, stream

TEAM_AUTHOR = {
    "name": "The Atelier Verde team",
    "bio": "Five soap makers and a perfumer in a small workshop, making soaps with you.",
}
POSTS = (
    {
        "slug": "why-we-ask-you",
        "title": "Why we ask you before we make anything",
        "intro": "We used to guess what you wanted. Now we ask, and our soaps are better for it.",
        "days_ago": 12,
        "tags": ["co-creation", "community"],
        "colours": ((222, 236, 214), (170, 204, 160)),
        "cover_alt": "Pale drops on a soft green colour field.",
        "body": (
            ("heading", {"text": "From guessing to asking", "level": "h2"}),
            (
                "paragraph",
                "<p>For years we chose our scents in the workshop, among ourselves. Some sold "
                "out, some stayed on the shelf. Since last year we ask the people who use our "
                "soaps first: which scent, which shape, which name.</p>",
            ),
            (
                "quote",
                {
                    "quote": "I never thought a brand would actually ask me which scent I liked.",
                    "attribution": "Camille, a forum member",
                },
            ),
            (
                "paragraph",
                "<p>Every campaign states its rules up front: what we ask, until when, and what "
                "you get for taking part. And when we decide, we say what and why.</p>",
            ),
        ),
    },
    {
        "slug": "three-scents-one-soap",
        "title": "Three scents, one soap: our new consultation",
        "intro": "Fig leaf, vetiver or orange blossom? Our perfumer explains the three candidates.",
        "days_ago": 3,
        "tags": ["scent", "campaigns"],
        "colours": ((255, 238, 214), (238, 196, 160)),
        "cover_alt": "Pale drops on a soft peach colour field.",
        "body": (
            ("heading", {"text": "Meet the candidates", "level": "h2"}),
            (
                "paragraph",
                "<p><b>Fig leaf</b> is green and milky, <b>vetiver</b> earthy and smoky, "
                "<b>orange blossom</b> bright and floral. Each one took our perfumer a month of "
                "trials.</p>",
            ),
            ("campaign_link", None),
        ),
    },
)


def _body(post, campaign):
    blocks = []
    for number, (kind, value) in enumerate(post["body"]):
        if kind == "campaign_link":
            kind = "paragraph"
            value = (
                f'<p>Smell them in our shops, then <a linktype="page" id="{campaign.pk}">vote '
                "for the one we should make</a>. You can change your vote until the campaign "
                "closes.</p>"
            )
        blocks.append((kind, stable_id(post["slug"], str(number)), value))
    return stream(*blocks)


def _cover(post):
    top, bottom = post["colours"]
    return demo_image(
        f"Demo cover: {post['title']}", post["cover_alt"], lambda: cover_picture(top, bottom)
    )


def load_blog(home, scent_campaign):
    """The blog index and two posts signed by the team, one linking to the scent campaign."""
    index = publish_child(
        home,
        BlogIndexPage,
        "blog",
        title="Blog",
        intro="Stories from the workshop: what we make, what you asked for, what we decided.",
    )
    author, _created = Author.objects.update_or_create(
        name=TEAM_AUTHOR["name"], defaults={"bio": TEAM_AUTHOR["bio"]}
    )
    today = timezone.localdate()
    for post in POSTS:
        publish_child(
            index,
            BlogPage,
            post["slug"],
            title=post["title"],
            intro=post["intro"],
            date=today - timedelta(days=post["days_ago"]),
            cover_image=_cover(post),
            cover_image_alt=post["cover_alt"],
            body=_body(post, scent_campaign),
            tags=post["tags"],
            blog_authors=[BlogPageAuthor(author=author)],
        )
    return index

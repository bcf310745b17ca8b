"""rerender_posts: HTML stored by an older, unsafe renderer is replaced by sanitised HTML."""

from io import StringIO

import pytest
from django.core.management import call_command
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post
from machina.apps.forum_member.models import ForumProfile

from tests.factories import create_forum, create_topic, create_user
from tests.forum.xss import unsafe_parts

HOSTILE = "[x](javascript&#58;alert(1)) and <img src=x onerror=alert(1)>"
# What machina's stock renderer (markdown2, safe_mode=True) stored for such content.
OLD_HTML = '<p><a href="javascript&#58;alert(1)">x</a> <img src=x onerror=alert(1)></p>'


def run(*args):
    out = StringIO()
    call_command("rerender_posts", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def stale_rows(db):
    """A post, a forum description and a signature whose stored HTML predates the sanitiser."""
    post = create_topic(content=HOSTILE).first_post
    forum = create_forum(description=HOSTILE)
    profile = ForumProfile.objects.create(user=create_user(), signature=HOSTILE)
    Post.objects.filter(pk=post.pk).update(_content_rendered=OLD_HTML)
    Forum.objects.filter(pk=forum.pk).update(_description_rendered=OLD_HTML)
    ForumProfile.objects.filter(pk=profile.pk).update(_signature_rendered=OLD_HTML)
    return post, forum, profile


def stored_html(post, forum, profile):
    return [
        Post.objects.get(pk=post.pk)._content_rendered,
        Forum.objects.get(pk=forum.pk)._description_rendered,
        ForumProfile.objects.get(pk=profile.pk)._signature_rendered,
    ]


def test_rerender_replaces_unsafe_stored_html(stale_rows):
    output = run()

    assert "Re-rendered 3 rows." in output
    for html in stored_html(*stale_rows):
        assert html.startswith('<p><a rel="nofollow ugc noopener">x</a>')
        assert unsafe_parts(html) == []


def test_rerender_is_idempotent(stale_rows):
    run()
    first = stored_html(*stale_rows)

    assert "Re-rendered 0 rows." in run()
    assert stored_html(*stale_rows) == first


def test_dry_run_counts_and_writes_nothing(stale_rows):
    output = run("--dry-run")

    assert "3 rows would be re-rendered" in output
    assert stored_html(*stale_rows) == [OLD_HTML] * 3


def test_rerender_covers_every_row_across_batches(db):
    posts = [create_topic(content=f"post {n} <b onclick=x>").first_post for n in range(5)]
    Post.objects.update(_content_rendered=OLD_HTML)

    assert "Re-rendered 5 rows." in run("--batch-size", "2")
    assert [p._content_rendered for p in Post.objects.order_by("pk")] == [
        f"<p>post {n} &lt;b onclick=x&gt;</p>" for n in range(len(posts))
    ]

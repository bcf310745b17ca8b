"""Create-or-update of demo pages, so that running the demo again publishes what it built."""

import json
import uuid

NAMESPACE = uuid.UUID("6c7f1d2e-8a4b-4f4e-9d61-3c2b1a0f9e8d")


def stable_id(*names):
    """A StreamField block id that stays the same from one run to the next (votes keep theirs)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(names)))


def stream(*blocks):
    """StreamField data from (block type, id, value) triples."""
    return json.dumps([{"type": kind, "id": id_, "value": value} for kind, id_, value in blocks])


def publish_child(parent, page_class, slug, **fields):
    """The child `slug` of `parent`, created or updated with `fields`, then published.

    Publishing sends Wagtail's page_published signal, on which a campaign gets its forum.
    """
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    relations = {name: fields.pop(name) for name in ("tags", "blog_authors") if name in fields}
    if page is None:
        page = page_class(slug=slug, **fields)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    if "tags" in relations:
        page.tags.set(relations["tags"])
    if "blog_authors" in relations:
        page.blog_authors = relations["blog_authors"]
    if page.pk is None:
        parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page

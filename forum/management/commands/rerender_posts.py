"""Re-render the stored HTML of machina's markup fields (posts, forum descriptions, signatures)."""

from django.apps import apps
from django.core.management.base import BaseCommand
from machina.models.fields import MarkupTextField, render_func

BATCH_SIZE = 500


def markup_fields():
    """Every (model, MarkupTextField) pair of the installed models."""
    for model in apps.get_models():
        if model._meta.proxy:  # its rows are those of the concrete model
            continue
        for field in model._meta.get_fields():
            if isinstance(field, MarkupTextField):
                yield model, field


def rerender(model, field, batch_size, dry_run=False):
    """Re-render one field of every row and return how many rows' stored HTML changed."""
    rendered_name = f"_{field.name}_rendered"
    rows = model._base_manager.only("pk", field.attname, rendered_name).order_by("pk")
    changed, last_pk = 0, None
    while True:
        # Pages by primary key rather than a cursor, so writing a batch never disturbs the read.
        page = rows if last_pk is None else rows.filter(pk__gt=last_pk)
        batch = list(page[:batch_size])
        if not batch:
            return changed
        last_pk = batch[-1].pk
        stale = []
        for row in batch:
            raw = row.__dict__[field.attname]
            html = None if raw is None else render_func(raw)
            if html != getattr(row, rendered_name):
                setattr(row, rendered_name, html)
                stale.append(row)
        if stale and not dry_run:
            model._base_manager.bulk_update(stale, [rendered_name])
        changed += len(stale)


class Command(BaseCommand):
    """Re-render stored markup HTML with the current MACHINA_MARKUP_LANGUAGE renderer."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the rows that would change; write nothing.",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, dry_run=False, batch_size=BATCH_SIZE, **options):
        total = 0
        for model, field in markup_fields():
            changed = rerender(model, field, batch_size, dry_run)
            total += changed
            self.stdout.write(f"{model._meta.label}.{field.name}: {changed}")
        if dry_run:
            self.stdout.write(f"Dry run: {total} rows would be re-rendered; nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Re-rendered {total} rows."))

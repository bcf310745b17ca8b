"""The seven statuses every site starts with; brands rename, recolour or add to them as snippets."""

from django.db import migrations

# (slug, name, colour, requires_reason); "new" is the default. Names are content, not translated.
DEFAULT_STATUSES = [
    ("new", "New", "#6b7280", False),
    ("under-review", "Under review", "#2563eb", False),
    ("planned", "Planned", "#7c3aed", False),
    ("in-progress", "In progress", "#d97706", False),
    ("launched", "Launched", "#15803d", False),
    ("declined", "Declined", "#b91c1c", True),
    ("duplicate", "Duplicate", "#57534e", True),
]


def create_default_statuses(apps, schema_editor):
    IdeaStatus = apps.get_model("community", "IdeaStatus")
    for order, (slug, name, colour, requires_reason) in enumerate(DEFAULT_STATUSES):
        IdeaStatus.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "colour": colour,
                "requires_reason": requires_reason,
                "is_default": slug == "new",
                "sort_order": order,
            },
        )


def delete_default_statuses(apps, schema_editor):
    IdeaStatus = apps.get_model("community", "IdeaStatus")
    IdeaStatus.objects.filter(slug__in=[slug for slug, *_rest in DEFAULT_STATUSES]).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0003_idea_statuses")]

    operations = [migrations.RunPython(create_default_statuses, delete_default_statuses)]

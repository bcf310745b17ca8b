"""Award the badges earned by outcomes that happened before badges existed."""

from django.core.management.base import BaseCommand

from community.badges import award_for_existing_outcomes


class Command(BaseCommand):
    help = (
        "Award badges for past outcomes (approved ideas, statuses, selected testers). Idempotent."
    )

    def handle(self, *args, **options):
        awarded = award_for_existing_outcomes()
        self.stdout.write(self.style.SUCCESS(f"{awarded} badge(s) awarded."))

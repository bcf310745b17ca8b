"""Queue today's notification digests: run once a day by cron or a systemd timer."""

from django.core.management.base import BaseCommand

from community.tasks import send_notification_digest, users_due_a_digest


class Command(BaseCommand):
    """Enqueue one digest task per user who chose a daily digest and has news."""

    help = "Queue one notification digest e-mail per user who chose daily digests and has news."

    def handle(self, *args, **options):
        user_ids = list(users_due_a_digest())
        for user_id in user_ids:
            send_notification_digest.enqueue(user_id)
        self.stdout.write(f"{len(user_ids)} digest(s) queued.")

"""Create benchmark data at scale in bulk: `make bench` runs it on a throwaway database."""

import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from brandsite.core.bench_data import PASSWORD, Sizes, build
from brandsite.core.bench_data.forums import SEARCH_WORD
from brandsite.core.bench_data.people import username
from community.notifications import topic_path


class Command(BaseCommand):
    help = (
        "Create bench-only accounts (with a known password), forums, topics, posts, idea votes "
        "and pages, deterministically. Only for disposable databases: it refuses to run unless "
        "DEBUG is on or the settings allow bench data (brandsite.settings.bench)."
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        parser.add_argument("--campaigns", type=int, default=defaults.campaigns)
        parser.add_argument(
            "--forums",
            type=int,
            default=defaults.forums,
            help="Forums on the forum index, counting each campaign's forum.",
        )
        parser.add_argument("--topics", type=int, default=defaults.topics)
        parser.add_argument("--posts-per-topic", type=int, default=defaults.posts_per_topic)
        parser.add_argument("--users", type=int, default=defaults.users)
        parser.add_argument("--votes", type=int, default=defaults.votes, help="Idea votes.")
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--reset", action="store_true", help="Delete the existing bench data first."
        )
        parser.add_argument(
            "--grow-forums-to",
            type=int,
            metavar="N",
            help="Only add forums (one topic each) to the existing bench data until the forum "
            "index lists N forums.",
        )
        parser.add_argument(
            "--manifest", help="Write the URLs and accounts the bench uses to this JSON file."
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or getattr(settings, "BENCH_DATA_ALLOWED", False)):
            raise CommandError(
                "Bench data creates accounts with a known password: run it with DEBUG on or "
                "with brandsite.settings.bench, on a disposable database."
            )
        started = time.monotonic()
        if options["grow_forums_to"] is not None:
            added = build.grow_forums(
                options["grow_forums_to"], options["posts_per_topic"], options["seed"]
            )
            self._done(f"Added {added} bench forums", started)
            return
        sizes = Sizes(**{name: options[name] for name in Sizes.__dataclass_fields__})
        if problems := sizes.problems():
            raise CommandError(" ".join(problems))
        if build.exists():
            if not options["reset"]:
                raise CommandError("Bench data exists already: add --reset to replace it.")
            build.reset()
        made = build.generate(sizes)
        if options["manifest"]:
            with open(options["manifest"], "w", encoding="utf-8") as manifest:
                json.dump(self._manifest(made, sizes), manifest, indent=2)
        self._done(f"Bench data created ({sizes})", started)

    def _done(self, what, started):
        self.stdout.write(self.style.SUCCESS(f"{what} in {time.monotonic() - started:.1f} s."))

    def _manifest(self, made, sizes):
        """What the bench reads: page paths, the search word and the signed-in accounts."""
        return {
            "sizes": sizes.__dict__,
            "paths": {
                "home": "/",
                "campaign": made["campaign"].url,
                "blog_post": made["blog_post"].url,
                "story": made["story"].url,
                "forum_index": "/forum/",
                "topic_10_posts": topic_path(made["small_topic"]),
                "topic_1000_posts": topic_path(made["big_topic"]),
                "search": f"/search/?q={SEARCH_WORD}",
            },
            "accounts": {
                "usernames": [username(number) for number in range(1, min(sizes.users, 16) + 1)],
                "password": PASSWORD,
            },
        }

"""The soak's set-up: its database (a throwaway PostgreSQL cluster, else DATABASE_URL), the
checks that it has PostgreSQL and Redis, the data set, the signed-in accounts and each client's
plan."""

import os
import sys

from bench.postgres import PrivateCluster, find_binaries
from bench.run import (
    PROJECT_DIR,
    configure_django,
    generate_data,
    migrations_digest,
    resolve,
    setting,
    timed,
)
from bench.server import HOST, free_port
from bench.soak_clients import Plan, sign_in

SOAK_DIR = PROJECT_DIR / "var" / "soak"
DATABASE = "cocreate_soak"
#: Small enough to build in seconds; the 1000-post topic of the bench data comes with it.
SIZES = {"campaigns": 1, "forums": 4, "topics": 300, "posts_per_topic": 3, "users": 40, "votes": 0}
VOTED_TOPICS = 150


def say(text):
    print(text, flush=True)  # noqa: T201 - a command-line tool


def start_database(timings):
    """A throwaway PostgreSQL cluster, else DATABASE_URL; returns (cluster or None, why the
    restart is skipped)."""
    binaries = find_binaries()
    if not binaries:
        if not os.environ.get("DATABASE_URL"):
            sys.exit("The soak needs PostgreSQL's server programs (PG_BINDIR) or DATABASE_URL.")
        skipped = "no PostgreSQL server programs found (set PG_BINDIR); used DATABASE_URL"
        say(f"PostgreSQL restart skipped: {skipped}.")
        return None, skipped
    port = setting("SOAK_PG_PORT", 0) or free_port()
    cluster = PrivateCluster(binaries, SOAK_DIR / f"postgresql-{os.getpid()}", port)
    say(f"A throwaway PostgreSQL cluster on {HOST}:{port} ({binaries})…")
    timed(timings, "initdb", cluster.create)
    cluster.start()
    cluster.create_database(DATABASE)
    os.environ["DATABASE_URL"] = cluster.url(DATABASE)
    return cluster, ""


def prepare(cluster, timings):
    """Settings, checks, a migrated database with the soak's data set; returns the manifest."""
    from django.core.management import call_command

    configure_django(SOAK_DIR)
    check_services()
    if cluster:
        prepare_postgresql(cluster, timings)
    else:
        timed(timings, "migrate", call_command, "migrate", interactive=False, verbosity=0)
    return generate_data(timings, SIZES, SOAK_DIR / "manifest.json")


def check_services():
    """Refuse to start without PostgreSQL and a shared cache (Redis), with a clear message."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit(f"The soak needs PostgreSQL; DATABASE_URL names a {connection.vendor} database.")
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        sys.exit("The soak needs Redis: set REDIS_URL.")
    try:
        cache.set("soak", "ok", 5)
    except Exception as error:  # noqa: BLE001 - any failure means no usable cache
        sys.exit(f"Redis at {settings.CACHES['default']['LOCATION']} does not answer: {error}")


def prepare_postgresql(cluster, timings):
    """Migrate, from a dump of an earlier run's migrated database when the migrations match."""
    from django.core.management import call_command

    template = SOAK_DIR / f"migrated-{migrations_digest()}.dump"
    if template.exists():
        cluster.restore(template, DATABASE)
    timed(timings, "migrate", call_command, "migrate", interactive=False, verbosity=0)
    if not template.exists():
        for stale in SOAK_DIR.glob("migrated-*.dump"):
            stale.unlink()
        cluster.dump(DATABASE, template)


def plans(port, manifest, accounts, counts):
    """One Plan per client: anonymous readers, signed-in voters and posters, then the probe."""
    from django.urls import reverse
    from machina.apps.forum_conversation.models import Topic

    from brandsite.core.bench_data import PREFIX
    from community.notifications import topic_path

    topics = list(
        Topic.objects.filter(forum__name__startswith=f"{PREFIX}forum-")
        .select_related("forum")
        .order_by("pk")[:VOTED_TOPICS]
    )
    pages = [resolve(port, path) for path in manifest["paths"].values()]
    pages += [topic_path(topic) for topic in topics[:40]]
    # Every voter goes through the same ideas in the same order: their votes meet on each row.
    votes = [(topic.pk, reverse("community:vote_for_idea", args=[topic.pk])) for topic in topics]
    replies = [
        reverse(
            "forum_conversation:post_create",
            kwargs={
                "forum_slug": topic.forum.slug,
                "forum_pk": topic.forum.pk,
                "topic_slug": topic.slug,
                "topic_pk": topic.pk,
            },
        )
        for topic in topics
    ]
    roles = ["reader"] * counts["readers"] + ["voter"] * counts["voters"]
    roles += ["poster"] * counts["posters"] + ["probe"]
    result = []
    for number, role in enumerate(roles):
        shift = number * 7 % len(pages)  # each client reads the pages from its own place
        result.append(
            Plan(
                role=role,
                number=number,
                host=HOST,
                port=port,
                pages=pages[shift:] + pages[:shift],
                cookies=accounts.get(number, {}).get("cookies", {}),
                vote_paths=list(votes) if role == "voter" else [],
                reply_paths=replies[number * 5 :] if role == "poster" else [],
            )
        )
    return result


def sign_in_everyone(load, port, counts):
    """{client number: {"user_id", "cookies"}} of the voters and posters, signed in by form."""
    from django.contrib.auth import get_user_model

    from brandsite.core.bench_data import PASSWORD
    from brandsite.core.bench_data.people import username

    first = counts["readers"]
    numbers = range(first, first + counts["voters"] + counts["posters"])
    users = [get_user_model().objects.get(username=username(n - first + 1)) for n in numbers]
    cookies = load.start(sign_in, [(HOST, port, user.email, PASSWORD) for user in users]).get(120)
    return {
        number: {"user_id": user.pk, "cookies": jar}
        for number, user, jar in zip(numbers, users, cookies, strict=True)
    }

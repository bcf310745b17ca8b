"""`make bench`: serve the site as in production and measure each page under a bounded load.

Builds a throwaway database (SQLite under var/bench/, or the disposable one DATABASE_URL names),
generates the bench data, starts gunicorn on 127.0.0.1, loads each page anonymously and signed
in, prints a table and writes it as JSON to var/bench/. It stops everything it started.
Options come from the environment: BENCH_DURATION, BENCH_WARMUP (seconds per page),
BENCH_CONCURRENCY (clients), BENCH_WORKERS (gunicorn sync workers), BENCH_PORT.
"""

import datetime
import hashlib
import json
import os
import secrets
import shutil
import signal
import string
import subprocess
import sys
import time
from pathlib import Path

from bench.load import LoadGenerator, Target
from bench.report import print_table, rows_for_json
from bench.server import HOST, Gunicorn, free_port

PROJECT_DIR = Path(__file__).resolve().parents[1]
BENCH_DIR = PROJECT_DIR / "var" / "bench"
#: The data set: realistic sizes, with the forum index first at 5 forums, then grown to 50.
SIZES = {"campaigns": 1, "topics": 5000, "posts_per_topic": 10, "users": 2000, "votes": 20000}
SMALL_INDEX, LARGE_INDEX = 5, 50
TRIVIAL_PATH = "/__bench__/trivial"


def setting(name, default):
    return type(default)(os.environ.get(name, default))


def configure_django(work_dir=BENCH_DIR):
    """Production-like settings; a fresh SQLite file unless DATABASE_URL names a database.

    Returns the SQLite file, if that is the database.
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    database = None
    if not os.environ.get("DATABASE_URL"):
        database = work_dir / "bench.sqlite3"
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "brandsite.settings.bench"
    os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)  # a new one each run
    os.environ["DJANGO_ALLOWED_HOSTS"] = HOST
    sys.path.insert(0, str(PROJECT_DIR / "site"))
    import django

    django.setup()
    return database


def migrations_digest():
    """A short name for the set of migrations on disk: a migrated copy is reused while it holds."""
    from django.db.migrations.loader import MigrationLoader

    names = sorted(f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations)
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def _migrated_template():
    """Where a migrated SQLite database is kept for the next runs, named by the migrations.

    Migrating from nothing takes a minute; a copy of a database migrated by the same set of
    migrations takes no time, and `migrate` still runs on it (and applies nothing).
    """
    return BENCH_DIR / f"migrated-{migrations_digest()}.sqlite3"


def timed(timings, name, function, *args, **kwargs):
    started = time.monotonic()
    result = function(*args, **kwargs)
    timings[name] = round(time.monotonic() - started, 1)
    print(f"  {name}: {timings[name]} s", flush=True)  # noqa: T201 - a command-line tool
    return result


def prepare_database(timings, sqlite_file):
    """Migrate, empty the cache, generate the data set; returns the bench's manifest."""
    from django.core.management import call_command
    from django.db import connections

    template = _migrated_template() if sqlite_file else None
    if template and template.exists():
        shutil.copyfile(template, sqlite_file)
    timed(timings, "migrate", call_command, "migrate", interactive=False, verbosity=0)
    if template and not template.exists():
        connections.close_all()
        for stale in BENCH_DIR.glob("migrated-*.sqlite3"):
            stale.unlink()
        shutil.copyfile(sqlite_file, template)
    return generate_data(timings, {**SIZES, "forums": SMALL_INDEX}, BENCH_DIR / "manifest.json")


def generate_data(timings, sizes, manifest):
    """Empty the cache, generate the data set of `sizes`, collect the static files; returns the
    manifest (the pages and accounts to use)."""
    from django.core.cache import cache
    from django.core.management import call_command

    cache.clear()  # a disposable Redis index too: no page cached by an earlier run
    timed(
        timings,
        "generate_bench_data",
        call_command,
        "generate_bench_data",
        reset=True,
        manifest=str(manifest),
        verbosity=0,
        **sizes,
    )
    timed(timings, "collectstatic", call_command, "collectstatic", interactive=False, verbosity=0)
    return json.loads(manifest.read_text())


def signed_in_cookies(usernames):
    """A session per bench account, made as django.contrib.auth.login() makes it.

    Signing in through allauth would meet its rate limits; the cookies also carry a CSRF token,
    as a browser's do after its first page.
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )

    store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = []
    for user in get_user_model().objects.filter(username__in=usernames).order_by("pk"):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        cookies.append(
            (
                session.session_key,
                f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
                f"{settings.CSRF_COOKIE_NAME}={csrf}",
            )
        )
    return cookies


def resolve(port, path, cookie=""):
    """The address a page ends at after its redirects (the search page redirects today)."""
    import http.client

    from bench.load import PROXY_HEADERS

    for _hop in range(5):
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        headers = {"Host": HOST, **PROXY_HEADERS, **({"Cookie": cookie} if cookie else {})}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        location = response.getheader("Location")
        connection.close()
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return path
        path = location.removeprefix(f"https://{HOST}").removeprefix(f"http://{HOST}")
    return path


class Bench:
    """The measurements of one run, in order."""

    def __init__(self, load, port, cookies, duration, warmup):
        self.load = load
        self.port = port
        self.cookies = [cookie for _key, cookie in cookies]
        self.duration = duration
        self.warmup = warmup
        self.rows = []

    def targets(self, path, signed_in):
        count = self.load.concurrency
        if signed_in:
            return [
                Target(HOST, self.port, path, self.cookies[n % len(self.cookies)])
                for n in range(count)
            ]
        return [Target(HOST, self.port, path) for _n in range(count)]

    def reference_rate(self):
        """The trivial view's rate now: pages are compared with it, not with a rate measured
        minutes earlier on a machine whose other load may have changed since."""
        return self.load.run(self.targets(TRIVIAL_PATH, False), self.duration / 2).rate

    def measure(self, page, path, variants=("anonymous", "signed in")):
        reference = None if path == TRIVIAL_PATH else self.reference_rate()
        for variant in variants:
            signed_in = variant == "signed in"
            final = resolve(self.port, path, self.cookies[0] if signed_in else "")
            targets = self.targets(final, signed_in)
            if self.warmup:
                self.load.run(targets, self.warmup)
            summary = self.load.run(targets, self.duration)
            reference = reference or summary.rate
            row = {"page": page, "variant": variant, "path": final, **summary.as_dict()}
            row["reference_rate"] = reference
            if final != path:
                row["redirected_from"] = path
            self.rows.append(row)
            print(  # noqa: T201 - a command-line tool
                f"  {page:<22} {variant:<10} {summary.rate:>7} req/s  errors {summary.errors}",
                flush=True,
            )


def restart(server):
    server.stop()
    server.start(dict(os.environ))
    server.wait_until_ready(TRIVIAL_PATH)


def fetch(port, path):
    """The body of an anonymous GET of `path`."""
    import http.client

    from bench.load import PROXY_HEADERS

    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    connection.request("GET", path, headers={"Host": HOST, **PROXY_HEADERS})
    body = connection.getresponse().read().decode()
    connection.close()
    return body


def measure_everything(bench, paths, restart_server):
    from django.core.management import call_command

    bench.measure("trivial view", TRIVIAL_PATH)
    bench.measure(f"forum index ({SMALL_INDEX} forums)", paths["forum_index"])
    call_command(
        "generate_bench_data",
        grow_forums_to=LARGE_INDEX,
        posts_per_topic=SIZES["posts_per_topic"],
        verbosity=0,
    )
    # Without Redis each worker caches in its own memory, which this process's changes do not
    # reach: new workers start from the grown data, as after a deploy.
    restart_server()
    listed = fetch(bench.port, paths["forum_index"]).count('class="forum-name-link"')
    if listed != LARGE_INDEX:
        raise RuntimeError(f"the forum index lists {listed} forums, not {LARGE_INDEX}")
    bench.measure("home", paths["home"])
    bench.measure("campaign", paths["campaign"])
    bench.measure("blog post", paths["blog_post"])
    bench.measure("story", paths["story"])
    bench.measure(f"forum index ({LARGE_INDEX} forums)", paths["forum_index"])
    bench.measure("topic (10 posts)", paths["topic_10_posts"])
    bench.measure("topic (1000 posts)", paths["topic_1000_posts"])
    bench.measure("search", paths["search"])
    # Again at the end: a drift between the two says the machine was busier in between.
    bench.measure("trivial view (end)", TRIVIAL_PATH, variants=("anonymous",))


def anonymous_sessions(bench_session_keys):
    """Session rows that the bench's own signed-in clients did not bring."""
    from django.contrib.sessions.models import Session

    return Session.objects.exclude(session_key__in=bench_session_keys).count()


def stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main():
    started = time.monotonic()
    duration = setting("BENCH_DURATION", 5.0)
    warmup = setting("BENCH_WARMUP", 1.0)
    concurrency = setting("BENCH_CONCURRENCY", 4)
    workers = setting("BENCH_WORKERS", 2)
    port = setting("BENCH_PORT", 0) or free_port()
    # Forked before Django is imported: the clients carry no database connection or settings.
    load = LoadGenerator(concurrency)
    signal.signal(signal.SIGTERM, stop_on_sigterm)  # in this process only: stop what it started
    server = None
    try:
        timings = {}
        print("Preparing the database…", flush=True)  # noqa: T201
        sqlite_file = configure_django()
        manifest = prepare_database(timings, sqlite_file)
        cookies = signed_in_cookies(manifest["accounts"]["usernames"][:concurrency])
        from django.db import connections

        connections.close_all()
        server = Gunicorn(PROJECT_DIR, port, workers, BENCH_DIR / "gunicorn.log")
        server.start(dict(os.environ))
        server.wait_until_ready(TRIVIAL_PATH)
        print(f"gunicorn on {HOST}:{port}, {workers} sync workers; measuring…", flush=True)  # noqa: T201
        bench = Bench(load, port, cookies, duration, warmup)
        measure_everything(bench, manifest["paths"], lambda: restart(server))
        report = _report(bench, manifest, timings, cookies, started, concurrency, workers)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # stopping must not be interrupted
        if server is not None:
            server.stop()
        load.close()
    print_table(report)
    path = BENCH_DIR / f"results-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"Results written to {path.relative_to(PROJECT_DIR)}")  # noqa: T201


def _report(bench, manifest, timings, cookies, started, concurrency, workers):
    from django.conf import settings
    from django.db import connection

    return {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit_hash(),
        "database": connection.vendor,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "gunicorn_workers": workers,
        "concurrency": concurrency,
        "duration_s": bench.duration,
        "warmup_s": bench.warmup,
        "cpus": os.cpu_count(),
        "sizes": {**manifest["sizes"], "forums_after_growth": LARGE_INDEX},
        "setup_s": timings,
        "anonymous_session_rows": anonymous_sessions([key for key, _cookie in cookies]),
        "rows": rows_for_json(bench.rows),
        "total_s": round(time.monotonic() - started, 1),
    }


def commit_hash():
    try:
        return subprocess.run(  # noqa: S603 - fixed arguments
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: gunicorn and the clients were stopped.")

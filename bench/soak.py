"""`make soak`: a bounded mixed load on gunicorn + PostgreSQL + Redis, with a database restart.

Anonymous readers, signed-in voters and posters (signed in through allauth's form) and a
/healthz probe load the site for SOAK_DURATION (60) seconds. PostgreSQL is a throwaway cluster
of the soak's own (bench/postgres.py), stopped at SOAK_OUTAGE_AT (25) seconds for
SOAK_OUTAGE_SECONDS (5) and started again; the web processes are not restarted. The soak then
checks the database: every acknowledged vote and reply is stored, idea counters match their
votes, anonymous readers left no session; restarts PostgreSQL once more while the site is idle
and asks /healthz in a row; and proves the README's backup and restore. Exits
non-zero when a check fails. Without PostgreSQL's server programs it uses DATABASE_URL (which
must be disposable) and skips the restart. Redis: REDIS_URL, else index 5 of the local server
(emptied). Everything it started is stopped, on failure and Ctrl-C too.
"""

import datetime
import json
import os
import re
import shutil
import signal
import sys
import time

from bench.backup_check import round_trip
from bench.load import LoadGenerator
from bench.run import PROJECT_DIR, commit_hash, setting, stop_on_sigterm, timed
from bench.server import HOST, Gunicorn, free_port
from bench.soak_clients import HEALTH_PATH, POST_MARKER, Browser, run_soak_client
from bench.soak_report import (
    Figures,
    Outage,
    post_figures,
    recovery_seconds,
    report_lines,
    tally,
    verdict,
    vote_figures,
)
from bench.soak_setup import (
    DATABASE,
    SOAK_DIR,
    plans,
    prepare,
    say,
    sign_in_everyone,
    start_database,
)

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
#: Requests in a row after a restart while idle: more than one per web process.
IDLE_PROBES = 12


def restart_postgresql(cluster, start_at, outage_at, outage_seconds):
    """Stop PostgreSQL at `outage_at` seconds of load, start it `outage_seconds` later."""
    time.sleep(max(0.0, start_at + outage_at - time.monotonic()))
    down_at = time.monotonic() - start_at
    say(f"  {down_at:.1f} s: stopping PostgreSQL")
    cluster.stop()
    time.sleep(outage_seconds)
    cluster.start()
    up_at = time.monotonic() - start_at
    say(f"  {up_at:.1f} s: PostgreSQL accepts connections again")
    return Outage(round(down_at, 2), round(up_at, 2))


def restart_while_idle(cluster, port):
    """Restart PostgreSQL while nobody uses the site, then ask /healthz a few times in a row.

    Under load every web process meets the outage and drops its connection; after a quiet
    restart they still hold connections to the old server, which only the health check
    before each request's first query notices.
    """
    cluster.stop()
    cluster.start()
    browser = Browser(HOST, port)
    statuses = [browser.request("GET", HEALTH_PATH).status for _n in range(IDLE_PROBES)]
    return {"requests": len(statuses), "failed": sum(status != 200 for status in statuses)}


def database_figures(outcomes, plans_, accounts, baseline_sessions):
    """What the database holds at the end, set against what the clients were told."""
    from django.contrib.sessions.models import Session
    from django.db import connections
    from django.db.models import Count, F
    from machina.apps.forum_conversation.models import Post

    from community.models import Idea, IdeaVote

    connections.close_all()  # the soak's own connection did not live through the restart
    acknowledged, sent = set(), 0
    for plan, outcome in zip(plans_, outcomes, strict=True):
        for topic_id, ok in outcome.votes:
            sent += 1
            if ok:
                acknowledged.add((accounts[plan.number]["user_id"], topic_id))
    voters = [accounts[plan.number]["user_id"] for plan in plans_ if plan.role == "voter"]
    counted = set(IdeaVote.objects.filter(voter__in=voters).values_list("voter_id", "idea_id"))
    drift = Idea.objects.annotate(rows=Count("votes")).exclude(votes_count=F("rows")).count()
    posts = [post for outcome in outcomes for post in outcome.posts]
    stored = [
        marker
        for content in Post.objects.filter(content__contains=f"{POST_MARKER}-").values_list(
            "content", flat=True
        )
        for marker in re.findall(rf"{POST_MARKER}-\d+-\d+", content)
    ]
    signed_in = {outcome.session_key for outcome in outcomes if outcome.session_key}
    return {
        "votes": vote_figures(sent, acknowledged, counted, drift),
        "posts": post_figures(len(posts), [m for m, ok in posts if ok], stored),
        "anonymous_session_rows": Session.objects.exclude(
            session_key__in=baseline_sessions | signed_in
        ).count(),
    }


def run_load(load, cluster, port, manifest, options):
    """Sign in, load for the duration with the restart on the way; returns the figures."""
    from django.contrib.sessions.models import Session
    from django.db import connections

    accounts = sign_in_everyone(load, port, options["counts"])
    baseline = set(Session.objects.values_list("session_key", flat=True))
    client_plans = plans(port, manifest, accounts, options["counts"])
    connections.close_all()  # the soak's own connection would not live through the restart
    start_at = time.monotonic() + 1.0  # every client starts then, once forked work is handed out
    for plan in client_plans:
        plan.start_at, plan.deadline = start_at, start_at + options["duration"]
    running = load.start(run_soak_client, [(plan,) for plan in client_plans])
    outage = None
    if cluster:
        outage = restart_postgresql(
            cluster, start_at, options["outage_at"], options["outage_seconds"]
        )
    outcomes = running.get(options["duration"] + 120)
    for outcome in outcomes:  # seconds since the load started, as the outage's times
        outcome.requests = [
            (action, begun - start_at, ended - start_at, status, ok)
            for action, begun, ended, status, ok in outcome.requests
        ]
    return Figures(
        phases=tally(outcomes, outage),
        outage=outage,
        recovery_s=recovery_seconds(outcomes, outage) if outage else None,
        anonymous_cookies=sorted({name for outcome in outcomes for name in outcome.cookies_set}),
        **database_figures(outcomes, client_plans, accounts, baseline),
    )


def options_from_environment():
    duration = setting("SOAK_DURATION", 60.0)
    return {
        "duration": duration,
        # 25 s into the default 60, or 40 % into a shorter run.
        "outage_at": setting(
            "SOAK_OUTAGE_AT", 25.0 if duration >= 60 else round(duration * 0.4, 1)
        ),
        "outage_seconds": setting("SOAK_OUTAGE_SECONDS", 5.0),
        "recovery_limit": setting("SOAK_RECOVERY_LIMIT", 10.0),
        "workers": setting("SOAK_WORKERS", 3),
        "counts": {
            "readers": setting("SOAK_READERS", 3),
            "voters": setting("SOAK_VOTERS", 3),
            "posters": setting("SOAK_POSTERS", 2),
        },
    }


def main():
    options = options_from_environment()
    counts = options["counts"]
    port = setting("SOAK_PORT", 0) or free_port()
    os.environ.setdefault("REDIS_URL", DEFAULT_REDIS_URL)
    # Forked before Django is imported: the clients carry no database connection or settings.
    load = LoadGenerator(sum(counts.values()) + 1)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    cluster = server = None
    started = time.monotonic()
    timings = {}
    backup_dir = SOAK_DIR / f"backup-{os.getpid()}"
    try:
        SOAK_DIR.mkdir(parents=True, exist_ok=True)
        cluster, skipped = start_database(timings)
        manifest = prepare(cluster, timings)
        from django.conf import settings
        from django.db import connections

        connections.close_all()
        log = SOAK_DIR / "gunicorn.log"
        log.unlink(missing_ok=True)
        server = Gunicorn(PROJECT_DIR, port, options["workers"], log)
        server.start(dict(os.environ))
        server.wait_until_ready(HEALTH_PATH)
        say(
            f"gunicorn on {HOST}:{port}, {options['workers']} sync workers; "
            f"{options['duration']:g} s of load by {counts['readers']} readers, "
            f"{counts['voters']} voters, {counts['posters']} posters and a /healthz probe…"
        )
        figures = run_load(load, cluster, port, manifest, options)
        figures.outage_skipped = skipped
        if cluster:
            figures.idle_restart = restart_while_idle(cluster, port)
            figures.backup = timed(
                timings,
                "backup round-trip",
                round_trip,
                cluster,
                DATABASE,
                settings.MEDIA_ROOT,
                backup_dir,
            )
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # stopping must not be interrupted
        load.close()  # first: gunicorn's workers then have no request left to finish
        if server is not None:
            server.stop()
        if cluster is not None:
            cluster.delete(keep_log_as=SOAK_DIR / "postgresql.log")
        shutil.rmtree(backup_dir, ignore_errors=True)
    finish(figures, options, timings, started)


def finish(figures, options, timings, started):
    """Print the report, write it as JSON, exit non-zero when a check failed."""
    counts = options["counts"]
    restarted = "a throwaway cluster, restarted" if figures.outage else "DATABASE_URL"
    header = (
        f"Cocreate soak — {options['duration']:g} s of load, PostgreSQL ({restarted}), Redis, "
        f"{options['workers']} gunicorn sync workers, {counts['readers']} readers, "
        f"{counts['voters']} voters, {counts['posters']} posters, 1 probe; {os.cpu_count()} "
        f"CPUs, commit {commit_hash()}; setup {sum(timings.values()):.0f} s, whole run "
        f"{time.monotonic() - started:.0f} s"
    )
    failures = verdict(figures, options["recovery_limit"])
    say("\n".join(report_lines(figures, header, options["recovery_limit"])))
    path = SOAK_DIR / f"results-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps({**figures.as_dict(), "failures": failures}, indent=2))
    say(
        f"Results written to {path.relative_to(PROJECT_DIR)}; logs: var/soak/gunicorn.log, "
        "var/soak/postgresql.log"
    )
    if failures:
        sys.exit("SOAK FAILED: " + "; ".join(failures))
    say("SOAK PASSED")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: gunicorn, the clients and the throwaway PostgreSQL were stopped.")

"""The soak's figures, verdict and table: pure functions of what the clients saw and what the
database held at the end, so that the rules that pass or fail a run are tested on their own.

Times are seconds since the load started. A request belongs to the outage when it was in flight
at any moment between the order to stop PostgreSQL and the moment it accepted connections again;
only those may fail.
"""

from dataclasses import asdict, dataclass, field

from bench.load import percentile

BEFORE, DURING, AFTER, WHOLE = "before", "during outage", "after", "whole run"
#: Actions that need the database whatever the page cache holds: anything signed in, and the probe.
DATABASE_ROLES = ("voter", "poster", "probe")


@dataclass(frozen=True)
class Outage:
    down_at: float  # PostgreSQL was told to stop
    up_at: float  # PostgreSQL accepted connections again


def phase_of(started, finished, outage):
    """BEFORE, DURING or AFTER the outage (WHOLE when there was none) of one request."""
    if outage is None:
        return WHOLE
    if finished < outage.down_at:
        return BEFORE
    if started > outage.up_at:
        return AFTER
    return DURING


def tally(outcomes, outage):
    """Per phase: requests, server errors (5xx), other errors (an answer other than the one
    expected, 4xx included) and requests that got no answer at all."""
    phases, latencies = {}, {}
    for outcome in outcomes:
        for _action, started, finished, status, expected in outcome.requests:
            phase = phase_of(started, finished, outage)
            row = phases.setdefault(
                phase, {"requests": 0, "server_errors": 0, "other_errors": 0, "no_answer": 0}
            )
            latencies.setdefault(phase, []).append(finished - started)
            row["requests"] += 1
            if status >= 500:
                row["server_errors"] += 1
            elif status == 0:
                row["no_answer"] += 1
            elif not expected:
                row["other_errors"] += 1
    for phase, row in phases.items():
        ordered = sorted(latencies[phase])
        row["p50_ms"] = round(percentile(ordered, 50) * 1000)
        row["p95_ms"] = round(percentile(ordered, 95) * 1000)
    order = (BEFORE, DURING, AFTER, WHOLE)
    return {phase: phases[phase] for phase in order if phase in phases}


def recovery_seconds(outcomes, outage):
    """From PostgreSQL's return to the end of the first right answer that needed the database
    (None if none came)."""
    ends = [
        finished
        for outcome in outcomes
        if outcome.role in DATABASE_ROLES
        for _action, started, finished, _status, expected in outcome.requests
        if expected and started >= outage.up_at
    ]
    return round(min(ends) - outage.up_at, 2) if ends else None


def vote_figures(sent, acknowledged, counted, counter_drift):
    """Votes as sets of (voter, idea): those acknowledged must all be counted."""
    return {
        "sent": sent,
        "acknowledged": len(acknowledged),
        "counted": len(counted),
        "lost": len(acknowledged - counted),
        # Committed while the answer was lost (PostgreSQL stopping): not an error, but told.
        "unacknowledged_counted": len(counted - acknowledged),
        "counter_drift": counter_drift,
    }


def post_figures(sent, acknowledged, stored):
    """Replies by marker: `stored` lists the marker of every matching row (duplicates too)."""
    rows = {}
    for marker in stored:
        rows[marker] = rows.get(marker, 0) + 1
    return {
        "sent": sent,
        "acknowledged": len(acknowledged),
        "rows": len(stored),
        "lost": len(set(acknowledged) - rows.keys()),
        "duplicated": sum(1 for count in rows.values() if count > 1),
        "unacknowledged_stored": len(rows.keys() - set(acknowledged)),
    }


@dataclass
class Figures:
    """Everything the verdict looks at; `votes`, `posts` and `sessions` come from the database."""

    phases: dict
    outage: Outage | None = None
    outage_skipped: str = ""  # why there was no outage
    recovery_s: float | None = None
    votes: dict = field(default_factory=dict)
    posts: dict = field(default_factory=dict)
    anonymous_session_rows: int = 0
    anonymous_cookies: list = field(default_factory=list)
    idle_restart: dict = field(default_factory=dict)  # requests right after a quiet restart
    backup: dict = field(default_factory=dict)

    def as_dict(self):
        return asdict(self)


def verdict(figures, recovery_limit):
    """The checks that failed, as sentences; an empty list means the soak passed."""
    failures = []
    where = {BEFORE: "before the outage", AFTER: "after the outage", WHOLE: "during the run"}
    for phase, row in figures.phases.items():
        if phase == DURING:
            continue
        if row["server_errors"]:
            failures.append(f"{row['server_errors']} server errors {where[phase]}")
        if row["no_answer"] or row["other_errors"]:
            failures.append(
                f"{row['no_answer'] + row['other_errors']} requests {where[phase]} got no "
                "answer or not the one expected"
            )
    votes, posts = figures.votes, figures.posts
    if not votes.get("acknowledged"):
        failures.append("no vote was acknowledged: the soak did not test voting")
    if votes.get("lost"):
        failures.append(f"{votes['lost']} acknowledged votes are not in the database")
    if votes.get("counter_drift"):
        failures.append(f"{votes['counter_drift']} ideas' vote counters differ from their votes")
    if not posts.get("acknowledged"):
        failures.append("no reply was acknowledged: the soak did not test posting")
    if posts.get("lost"):
        failures.append(f"{posts['lost']} acknowledged replies are not in the database")
    if posts.get("duplicated"):
        failures.append(f"{posts['duplicated']} replies were stored more than once")
    if figures.anonymous_session_rows:
        failures.append(f"anonymous readers created {figures.anonymous_session_rows} sessions")
    if figures.outage is not None:
        if figures.recovery_s is None:
            failures.append("the site did not recover after PostgreSQL came back")
        elif figures.recovery_s > recovery_limit:
            failures.append(
                f"the site took {figures.recovery_s} s to recover (limit {recovery_limit} s)"
            )
    if figures.idle_restart.get("failed"):
        failures.append(
            f"{figures.idle_restart['failed']} of {figures.idle_restart['requests']} requests "
            "failed after a restart while idle"
        )
    if figures.backup.get("differences"):
        failures.append(f"backup round-trip: {figures.backup['differences']}")
    return failures


COLUMNS = (
    # heading, key, width
    ("phase", "phase", 30),
    ("requests", "requests", 9),
    ("5xx", "server_errors", 6),
    ("other", "other_errors", 6),
    ("no answer", "no_answer", 10),
    ("p50 ms", "p50_ms", 7),
    ("p95 ms", "p95_ms", 7),
)


def _phase_label(phase, outage):
    if phase == DURING:
        return f"{phase} ({outage.down_at:.1f}–{outage.up_at:.1f} s)"
    return phase


def report_lines(figures, header, recovery_limit):
    """The soak's table and its summary lines."""
    lines = [
        header,
        "  ".join(
            heading.ljust(width) if key == "phase" else heading.rjust(width)
            for heading, key, width in COLUMNS
        ),
    ]
    for phase, row in figures.phases.items():
        cells = {**row, "phase": _phase_label(phase, figures.outage)}
        lines.append(
            "  ".join(
                str(cells[key]).ljust(width) if key == "phase" else str(cells[key]).rjust(width)
                for _heading, key, width in COLUMNS
            )
        )
    votes, posts = figures.votes, figures.posts
    lines.append(
        f"votes: {votes['sent']} sent, {votes['acknowledged']} acknowledged, "
        f"{votes['counted']} in the database: {votes['lost']} lost, "
        f"{votes['unacknowledged_counted']} counted without an acknowledgement; "
        f"ideas whose counter differs from their votes: {votes['counter_drift']}"
    )
    lines.append(
        f"replies: {posts['sent']} sent, {posts['acknowledged']} acknowledged, "
        f"{posts['rows']} rows: {posts['lost']} lost, {posts['duplicated']} duplicated, "
        f"{posts['unacknowledged_stored']} stored without an acknowledgement"
    )
    lines.append(
        f"anonymous readers: {figures.anonymous_session_rows} session rows, "
        f"{len(figures.anonymous_cookies)} answers setting a cookie"
    )
    if figures.outage is not None:
        outage = figures.outage
        recovered = (
            "no right answer since"
            if figures.recovery_s is None
            else f"first right answer from the database {figures.recovery_s} s later"
        )
        lines.append(
            f"PostgreSQL restart: stopped at {outage.down_at:.1f} s, accepting connections at "
            f"{outage.up_at:.1f} s; {recovered} (limit {recovery_limit} s)"
        )
    else:
        lines.append(f"PostgreSQL restart: skipped ({figures.outage_skipped})")
    if figures.idle_restart:
        idle = figures.idle_restart
        lines.append(
            f"PostgreSQL restart while idle, then {idle['requests']} requests to /healthz in a "
            f"row: {idle['failed']} failed"
        )
    if figures.backup:
        backup = figures.backup
        lines.append(
            f"backup round-trip (pg_dump -Fc, pg_restore, tar of the media): {backup['tables']} "
            f"tables and {backup['rows']} rows, {backup['files']} media files; "
            f"{backup['differences'] or 'identical'}"
        )
    return lines

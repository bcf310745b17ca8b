"""The bench's table: each page's rate, latencies, errors and share of the trivial view's rate."""

REFERENCE = ("trivial view", "anonymous")
COLUMNS = (
    # heading, key, width
    ("page", "page", 22),
    ("who", "variant", 10),
    ("req/s", "rate", 8),
    ("p50 ms", "p50_ms", 8),
    ("p95 ms", "p95_ms", 8),
    ("p99 ms", "p99_ms", 8),
    ("errors", "errors", 7),
    ("cached", "cache_hit_share", 7),
    ("vs trivial", "ratio", 11),
)


def rows_for_json(rows):
    """The rows with each one's rate as a share of the anonymous trivial view's rate measured
    just before the page (`reference_rate`)."""
    return [
        {
            **row,
            "ratio": round(row["rate"] / row["reference_rate"], 3)
            if row.get("reference_rate")
            else None,
        }
        for row in rows
    ]


def _cell(row, key):
    value = row.get(key)
    if key in ("ratio", "cache_hit_share") and value is not None:
        return f"{value:.0%}"
    return "" if value is None else str(value)


def print_table(report):
    lines = [
        f"Cocreate bench — {report['database']}, {report['cache']}, "
        f"{report['gunicorn_workers']} gunicorn sync workers, {report['concurrency']} clients, "
        f"{report['duration_s']} s per page, {report['cpus']} CPUs, commit {report['commit']}",
        "  ".join(
            heading.rjust(width) if index > 1 else heading.ljust(width)
            for index, (heading, _key, width) in enumerate(COLUMNS)
        ),
    ]
    for row in report["rows"]:
        lines.append(
            "  ".join(
                _cell(row, key).rjust(width) if index > 1 else _cell(row, key).ljust(width)
                for index, (_heading, key, width) in enumerate(COLUMNS)
            )
        )
    redirected = [row for row in report["rows"] if row.get("redirected_from")]
    for row in redirected[:1]:
        lines.append(f"search: {row['redirected_from']} redirects; measured {row['path']}")
    trivial = next((row for row in report["rows"] if row["page"] == REFERENCE[0]), None)
    if trivial:
        references = [row["reference_rate"] for row in report["rows"]]
        lines.append(
            f"vs trivial: the rate as a share of the anonymous trivial view's, measured just "
            f"before each page ({min(references)} to {max(references)} req/s this run); the load "
            f"generator used {trivial['client_cpu_share']} CPUs during the trivial view"
        )
    anonymous_cookies = sum(
        row["set_cookies"] for row in report["rows"] if row["variant"] == "anonymous"
    )
    lines.append(
        f"anonymous responses setting a cookie: {anonymous_cookies}; "
        f"session rows written by anonymous requests: {report['anonymous_session_rows']}"
    )
    setup = ", ".join(f"{name} {seconds} s" for name, seconds in report["setup_s"].items())
    lines.append(f"setup: {setup}; whole run {report['total_s']} s")
    print("\n".join(lines))  # noqa: T201 - a command-line tool

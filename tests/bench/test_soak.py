"""The soak's rules: which requests may fail, what counts as a lost vote or reply, when the site
has recovered, and what its clients send. `make soak` itself is run apart from the suite."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from bench.soak_clients import Browser, Outcome, form_fields, sign_in
from bench.soak_report import (
    AFTER,
    BEFORE,
    DURING,
    WHOLE,
    Figures,
    Outage,
    phase_of,
    post_figures,
    recovery_seconds,
    report_lines,
    tally,
    verdict,
    vote_figures,
)

OUTAGE = Outage(down_at=25.0, up_at=30.0)


def outcome(role, *requests):
    """An Outcome whose requests are (started, finished, status, expected) tuples."""
    return Outcome(role, requests=[("read", *request) for request in requests])


def test_a_request_in_flight_at_any_moment_of_the_outage_belongs_to_it():
    assert phase_of(10.0, 24.9, OUTAGE) == BEFORE
    assert phase_of(24.0, 25.1, OUTAGE) == DURING  # cut off by the shutdown
    assert phase_of(27.0, 28.0, OUTAGE) == DURING
    assert phase_of(29.9, 31.0, OUTAGE) == DURING  # sent before PostgreSQL was back
    assert phase_of(30.1, 31.0, OUTAGE) == AFTER
    assert phase_of(30.1, 31.0, None) == WHOLE


def test_each_phase_counts_server_errors_other_answers_and_silence_apart():
    reader = outcome("reader", (1, 2, 200, True), (26, 27, 500, False), (31, 32, 0, False))
    voter = outcome("voter", (2, 3, 403, False), (27, 28, 302, True))
    phases = tally([reader, voter], OUTAGE)
    assert list(phases) == [BEFORE, DURING, AFTER]
    counts = ("requests", "server_errors", "other_errors", "no_answer")
    assert [phases[BEFORE][key] for key in counts] == [2, 0, 1, 0]
    assert [phases[DURING][key] for key in counts] == [2, 1, 0, 0]
    assert [phases[AFTER][key] for key in counts] == [1, 0, 0, 1]
    assert phases[BEFORE]["p50_ms"] == phases[BEFORE]["p95_ms"] == 1000


def test_recovery_is_the_first_right_answer_that_needed_the_database():
    cached_reader = outcome("reader", (30.1, 30.2, 200, True))  # the page cache needs no database
    probe = outcome(
        "probe", (29.0, 30.5, 200, True), (30.2, 30.9, 503, False), (31.0, 31.5, 200, True)
    )
    assert recovery_seconds([cached_reader, probe], OUTAGE) == 1.5
    assert recovery_seconds([cached_reader], OUTAGE) is None


def test_acknowledged_votes_missing_from_the_database_are_lost_others_are_only_told():
    acknowledged = {(1, 10), (1, 11), (2, 10)}
    counted = {(1, 10), (2, 10), (2, 12)}  # (2, 12) committed but its answer was cut off
    figures = vote_figures(5, acknowledged, counted, counter_drift=0)
    assert figures == {
        "sent": 5,
        "acknowledged": 3,
        "counted": 3,
        "lost": 1,
        "unacknowledged_counted": 1,
        "counter_drift": 0,
    }


def test_replies_are_matched_to_rows_by_their_marker():
    figures = post_figures(4, ["a", "b", "c"], ["a", "b", "b", "d"])
    assert figures == {
        "sent": 4,
        "acknowledged": 3,
        "rows": 4,
        "lost": 1,  # c
        "duplicated": 1,  # b
        "unacknowledged_stored": 1,  # d
    }


def phase(requests, server_errors=0, other_errors=0, no_answer=0):
    return {
        "requests": requests,
        "server_errors": server_errors,
        "other_errors": other_errors,
        "no_answer": no_answer,
        "p50_ms": 40,
        "p95_ms": 300,
    }


def passing_figures(**changes):
    figures = Figures(
        phases={BEFORE: phase(900), DURING: phase(300, 250, 3, 9), AFTER: phase(900)},
        outage=OUTAGE,
        recovery_s=0.4,
        votes=vote_figures(60, {(1, 1), (1, 2)}, {(1, 1), (1, 2)}, 0),
        posts=post_figures(10, ["a"], ["a"]),
        idle_restart={"requests": 12, "failed": 0},
        backup={"tables": 100, "rows": 4000, "files": 7, "differences": ""},
    )
    for name, value in changes.items():
        setattr(figures, name, value)
    return figures


def test_errors_while_postgresql_is_down_do_not_fail_the_soak():
    figures = passing_figures()
    assert verdict(figures, recovery_limit=10) == []
    assert any("0 lost" in line for line in report_lines(figures, "soak", 10))


def test_the_soak_fails_on_each_broken_promise():
    cases = {
        "server errors after": {"phases": {**passing_figures().phases, AFTER: phase(900, 2)}},
        "requests before the outage got no answer": {
            "phases": {**passing_figures().phases, BEFORE: phase(900, no_answer=1)}
        },
        "acknowledged votes are not in the database": {
            "votes": vote_figures(60, {(1, 1), (1, 2)}, {(1, 1)}, 0)
        },
        "vote counters differ": {"votes": vote_figures(60, {(1, 1)}, {(1, 1)}, 1)},
        "acknowledged replies are not in the database": {"posts": post_figures(1, ["a"], [])},
        "anonymous readers created 3 sessions": {"anonymous_session_rows": 3},
        "did not recover": {"recovery_s": None},
        "took 12.0 s to recover": {"recovery_s": 12.0},
        "failed after a restart while idle": {"idle_restart": {"requests": 12, "failed": 3}},
        "backup round-trip": {"backup": {"differences": "table community_ideavote differs"}},
        "no vote was acknowledged": {"votes": vote_figures(5, set(), set(), 0)},
    }
    for expected, changes in cases.items():
        failures = verdict(passing_figures(**changes), recovery_limit=10)
        assert len(failures) == 1 and expected in failures[0], (expected, failures)


def test_a_soak_without_a_restart_still_checks_the_data():
    figures = passing_figures(phases={WHOLE: phase(900)}, outage=None, recovery_s=None, backup={})
    assert verdict(figures, recovery_limit=10) == []
    figures.phases[WHOLE]["server_errors"] = 1
    assert verdict(figures, recovery_limit=10) == ["1 server errors during the run"]


REPLY_PAGE = """
<form action="/search/" method="get"><input name="q" value=""></form>
<form method="post" action=".">
  <input type="hidden" name="csrfmiddlewaretoken" value="token">
  <input type="text" name="subject" value="Re: fig soap">
  <textarea name="content">quoted &amp; kept</textarea>
  <input type="checkbox" name="lock_topic">
  <input type="checkbox" name="enable_signature" checked>
  <input type="hidden" name="attachment-TOTAL_FORMS" value="1">
  <input type="file" name="attachment-0-file">
  <input type="submit" name="preview" value="Preview">
  <input type="submit" value="Submit">
</form>
"""


def test_a_poster_sends_what_a_browser_would_from_the_reply_form():
    assert form_fields(REPLY_PAGE, "content") == {
        "csrfmiddlewaretoken": "token",
        "subject": "Re: fig soap",
        "content": "quoted & kept",
        "enable_signature": "on",
        "attachment-TOTAL_FORMS": "1",
    }
    assert form_fields(REPLY_PAGE, "missing") is None


class SignInPage(BaseHTTPRequestHandler):
    """Sets a CSRF cookie on GET; on POST, echoes what it received and rotates the cookies."""

    received = {}

    def do_GET(self):
        self.answer(200, ["csrftoken=first; Path=/; Secure"])

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        SignInPage.received = {"body": body, "origin": self.headers["Origin"]}
        SignInPage.received["cookie"] = self.headers["Cookie"]
        self.answer(302, ["sessionid=abc; HttpOnly", "csrftoken=second", "messages=; Max-Age=0"])

    def answer(self, status, cookies):
        self.send_response(status)
        for cookie in cookies:
            self.send_header("Set-Cookie", cookie)
        self.send_header("Location", "/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_client_keeps_its_cookies_and_posts_forms_as_a_browser_does():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), SignInPage)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        host, port = httpd.server_address
        cookies = sign_in(host, port, "fig@example.com", "secret")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert cookies == {"csrftoken": "second", "sessionid": "abc"}
    received = SignInPage.received
    assert parse_qs(received["body"]) == {
        "login": ["fig@example.com"],
        "password": ["secret"],
        "csrfmiddlewaretoken": ["first"],
    }
    assert received["cookie"] == "csrftoken=first"
    assert received["origin"] == f"https://{host}"
    assert Browser(host, port).request("GET", "/").status == 0  # the server is gone

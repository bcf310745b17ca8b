"""The bench's load generator and reference view: what `make bench` reports rests on them."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.load import ClientResult, Target, percentile, run_client, summarise
from bench.report import rows_for_json


def test_percentiles_are_nearest_rank():
    ordered = list(range(1, 101))
    assert [percentile(ordered, share) for share in (50, 95, 99, 100)] == [50, 95, 99, 100]
    assert percentile([], 50) is None


def test_a_summary_counts_every_client_and_its_errors():
    fast = ClientResult(latencies=[0.01] * 90, statuses={"200": 90}, elapsed=1.0)
    slow = ClientResult(latencies=[0.5] * 10, errors=10, statuses={"500": 10}, elapsed=2.0)
    summary = summarise([fast, slow])
    assert summary.requests == 100
    assert summary.rate == 50.0  # 100 requests over the slowest client's 2 seconds
    assert (summary.p50_ms, summary.p95_ms) == (10.0, 500.0)
    assert summary.errors == 10
    assert summary.statuses == {"200": 90, "500": 10}


def test_each_page_is_reported_as_a_share_of_the_trivial_run_just_before_it():
    rows = [
        {"page": "trivial view", "variant": "anonymous", "rate": 400.0, "reference_rate": 400.0},
        {"page": "home", "variant": "signed in", "rate": 100.0, "reference_rate": 200.0},
    ]
    assert [row["ratio"] for row in rows_for_json(rows)] == [1.0, 0.5]


@pytest.mark.urls("brandsite.bench_urls")
def test_the_bench_urls_add_a_trivial_view_to_the_site(client, db):
    response = client.get("/__bench__/trivial")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert client.get("/healthz").status_code == 200


class OkOrMissing(BaseHTTPRequestHandler):
    """200 on /ok (with the cache header of a page-cache hit), 404 elsewhere."""

    def do_GET(self):
        found = self.path == "/ok"
        self.send_response(200 if found else 404)
        self.send_header("X-Cache", "hit")
        self.send_header("Content-Length", "3")
        self.end_headers()
        self.wfile.write(b"ok\n")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A local HTTP server: the client is tested without a database."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), OkOrMissing)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address
    httpd.shutdown()
    httpd.server_close()


def test_a_client_loads_a_server_for_the_time_given_and_counts_what_fails(server):
    host, port = server
    result = run_client(Target(host, port, "/ok"), 0.3)
    assert len(result.latencies) > 1
    assert result.errors == 0
    assert result.statuses == {"200": len(result.latencies)}
    assert result.cache_hits == len(result.latencies)
    assert result.elapsed >= 0.3
    missing = run_client(Target(host, port, "/missing"), 0.1)
    assert missing.errors == len(missing.latencies) > 0

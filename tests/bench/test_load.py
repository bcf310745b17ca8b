"""The bench's load generator and reference view: what `make bench` reports rests on them."""

from urllib.parse import urlsplit

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


@pytest.mark.urls("brandsite.bench_urls")
def test_a_client_loads_a_live_server_for_the_time_given(live_server):
    address = urlsplit(live_server.url)
    result = run_client(Target(address.hostname, address.port, "/__bench__/trivial"), 0.3)
    assert len(result.latencies) > 1
    assert result.errors == 0
    assert result.statuses == {"200": len(result.latencies)}
    assert result.elapsed >= 0.3
    missing = run_client(Target(address.hostname, address.port, "/no-such-page/"), 0.1)
    assert missing.errors == len(missing.latencies)

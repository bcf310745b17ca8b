"""A bounded HTTP load generator: a fixed number of client processes for a fixed time.

Processes, not threads: a Python client spends most of its time in the interpreter, and threads
would queue on the GIL and measure the client instead of the server. Each client sends its next
request as soon as the previous answer is read (a closed loop), so the number of requests in
flight never exceeds the number of clients.
"""

import http.client
import math
import multiprocessing
import signal
import time
from dataclasses import asdict, dataclass, field

#: What a TLS-terminating proxy in front of the production settings adds (see settings.bench).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
TIMEOUT_SECONDS = 60


@dataclass
class Target:
    """Where one client sends its requests, and as whom (a session cookie, or anonymous)."""

    host: str
    port: int
    path: str
    cookie: str = ""


@dataclass
class ClientResult:
    latencies: list = field(default_factory=list)
    errors: int = 0
    set_cookies: int = 0
    cache_hits: int = 0
    cookie_names: set = field(default_factory=set)
    statuses: dict = field(default_factory=dict)
    elapsed: float = 0.0
    cpu_seconds: float = 0.0


def _client_signals():
    # Ctrl-C reaches the whole process group: the runner handles it and stops the clients,
    # which end quietly on the pool's SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _headers(target):
    headers = {"Host": target.host, "User-Agent": "cocreate-bench", **PROXY_HEADERS}
    if target.cookie:
        headers["Cookie"] = target.cookie
    return headers


def run_client(target, duration):
    """Send requests to `target` for `duration` seconds, one at a time; return what happened."""
    result = ClientResult()
    headers = _headers(target)
    connection = http.client.HTTPConnection(target.host, target.port, timeout=TIMEOUT_SECONDS)
    cpu_start = time.process_time()
    start = time.monotonic()
    deadline = start + duration
    now = start
    while now < deadline:
        status = None
        try:
            connection.request("GET", target.path, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            cookies = [value for name, value in response.getheaders() if name == "Set-Cookie"]
            if cookies:
                result.set_cookies += 1
                result.cookie_names.update(cookie.split("=", 1)[0] for cookie in cookies)
            if response.getheader("X-Cache") == "hit":
                result.cache_hits += 1  # served by the anonymous page cache
            if response.will_close:
                connection.close()  # gunicorn's sync workers close after every response
        except (OSError, http.client.HTTPException):
            connection.close()
        finished = time.monotonic()
        result.latencies.append(finished - now)
        result.statuses[str(status)] = result.statuses.get(str(status), 0) + 1
        if status != 200:
            result.errors += 1
        now = finished
    connection.close()
    result.elapsed = now - start
    result.cpu_seconds = time.process_time() - cpu_start
    return result


def percentile(ordered, share):
    """The nearest-rank percentile of already sorted values (share in 0..100)."""
    if not ordered:
        return None
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]


@dataclass
class Summary:
    requests: int
    rate: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    set_cookies: int
    cookie_names: list
    cache_hit_share: float
    statuses: dict
    client_cpu_share: float

    def as_dict(self):
        return asdict(self)


def summarise(results):
    """One row of figures from every client's result of one load run."""
    latencies = sorted(latency for result in results for latency in result.latencies)
    elapsed = max((result.elapsed for result in results), default=0) or 1e-9
    statuses = {}
    for result in results:
        for status, count in result.statuses.items():
            statuses[status] = statuses.get(status, 0) + count

    def ms(share):
        value = percentile(latencies, share)
        return round(value * 1000, 1) if value is not None else None

    return Summary(
        requests=len(latencies),
        rate=round(len(latencies) / elapsed, 1),
        p50_ms=ms(50),
        p95_ms=ms(95),
        p99_ms=ms(99),
        errors=sum(result.errors for result in results),
        set_cookies=sum(result.set_cookies for result in results),
        cookie_names=sorted(set().union(*(result.cookie_names for result in results))),
        cache_hit_share=round(
            sum(result.cache_hits for result in results) / max(len(latencies), 1), 3
        ),
        statuses=statuses,
        # Share of one CPU the clients used per second of load, summed over the clients.
        client_cpu_share=round(sum(result.cpu_seconds for result in results) / elapsed, 2),
    )


class LoadGenerator:
    """A pool of client processes, forked once and reused for every run."""

    def __init__(self, concurrency):
        self.concurrency = concurrency
        context = multiprocessing.get_context("fork")
        self.pool = context.Pool(concurrency, initializer=_client_signals)

    def start(self, function, arguments):
        """Call `function(*args)` for each tuple of `arguments`, one per client, without waiting.

        Returns the pool's AsyncResult: its get() gives the results in the order of `arguments`.
        """
        return self.pool.starmap_async(function, arguments, 1)

    def run(self, targets, duration):
        """Load for `duration` seconds with one client per target; returns a Summary."""
        results = self.start(run_client, [(target, duration) for target in targets]).get()
        return summarise(results)

    def close(self):
        self.pool.terminate()
        self.pool.join()

"""Running calls at the same instant, for the PostgreSQL race tests."""

import threading

import pytest
from django.db import connection

#: How many times each race runs: a race lost one time in a few still fails the suite.
RACE_ROUNDS = 20

#: Race tests only mean something where rows are locked and inserted concurrently.
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent inserts are only meaningful on PostgreSQL; "
    "run with DATABASE_URL=postgres://...",
)

#: The marks of a race test module: real transactions (serialized_rollback keeps the home page
#: the flush after each test would take with it), PostgreSQL only, and no rate limits, so that
#: rounds can reuse their members (rates are not what these tests race).
race_test = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    postgresql_only,
    pytest.mark.usefixtures("without_rate_limits"),
]


def run_together(calls):
    """Run each call in its own thread, all released at once; return the exceptions raised."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait(timeout=30)
            call()
        except Exception as error:  # noqa: BLE001 - reported by the test's assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a call never finished"
    return errors

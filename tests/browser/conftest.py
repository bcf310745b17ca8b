"""Playwright on the Chromium of Debian's `chromium` package; skipped only where it is missing."""

import os
import shutil

import pytest
from django.db import connections

CHROMIUM = shutil.which("chromium")
# Without these flags Chromium keeps opening connections that this sandbox's closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _use_the_thread_database_connections():
    """Give test code the connections that pytest-django set the test database up on.

    Django keeps connections in an asgiref Local that turns context-local while an event loop
    runs in the thread, and Playwright's sync API leaves its loop marked as running: test code
    would otherwise get fresh connections, apart from the test's set-up and teardown.
    """
    thread_storage = connections._connections._storage
    for alias in connections:
        thread_connection = getattr(thread_storage, alias, None)
        if thread_connection is not None:
            connections[alias] = thread_connection


@pytest.fixture
def browser():
    """Chromium, started after the test database is ready and stopped before it is flushed.

    Per test, not per session: while Playwright's loop runs, pytest-django's set-up between tests
    (such as serialized_rollback's restore) would act on the wrong connection and do nothing.
    """
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed: apt-get install -y chromium")
    # The ORM calls of the test body stay synchronous; Django's async guard must be told so.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        _use_the_thread_database_connections()
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts: `new_page(**playwright_context_options)`."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()

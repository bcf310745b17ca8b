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


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed: apt-get install -y chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by test setup
    # are still synchronous, so Django's async-safety guard must be told so.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _use_the_thread_database_connections():
    """Give test code the connections that pytest-django set the test database up on.

    Django keeps connections in an asgiref Local that turns context-local while an event loop is
    running in the thread, and Playwright's sync API leaves its loop marked as running. Test code
    would then open fresh connections that lack what the test setup stored on the thread's ones
    (serialized_rollback's data), and the teardown flush would fail.
    """
    thread_storage = connections._connections._storage
    for alias in connections:
        thread_connection = getattr(thread_storage, alias, None)
        if thread_connection is not None:
            connections[alias] = thread_connection


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts: `new_page(**playwright_context_options)`."""
    _use_the_thread_database_connections()
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

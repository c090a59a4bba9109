"""Chromium, driven by Playwright, against the live test server."""

import os
import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the tests only touch
# the database between browser calls, never concurrently with them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# One Chromium for the session, however many conftests use the fixture below
# (tests/security imports it): a second Playwright would find the first one's
# event loop running and refuse to start.
_RUNNING: dict = {}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if "browser" in _RUNNING:
        yield _RUNNING["browser"]
        return
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: `make test` installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        _RUNNING["browser"] = browser
        yield browser
        del _RUNNING["browser"]
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


# The widget replaces the server-rendered discussion once its first page is in:
# a test that acts on the form waits for that (wait_for_widget), or it may click
# the form being replaced.
WIDGET_LOADED = """
document.addEventListener("parley:loaded", () => {
  document.documentElement.dataset.parleyLoaded = "";
});
"""


def wait_for_widget(page) -> None:
    """Wait until a widget on the page (opened after add_init_script(WIDGET_LOADED))
    has rendered its first page."""
    page.locator("html[data-parley-loaded]").wait_for(state="attached")


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def other_origin(tmp_path):
    """Serve plain files from tmp_path on another port: a foreign site."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = partial(QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def live_server(transactional_db):
    """
    A live server whose static files come through WhiteNoise, as in production,
    rather than Django's test static handler (which would hide missing headers).
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda app: app
    server.start()
    yield server
    server.stop()

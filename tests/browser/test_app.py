"""
"Continue on app" in Chromium at a phone's size: the banner, the service
worker, dismissal that lasts, and articles read again offline.
"""

import time

import pytest
from django.test import Client
from playwright.sync_api import expect

from parley.newsroom.actions import save_article
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1200, "height": 900}}
# Runs in every document before its own scripts.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
}, true);
"""
# Ready, the worker may still be activating: wait until it has.
WORKER_READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  while (worker.state === "activating") {
    await new Promise((done) =>
      worker.addEventListener("statechange", done, { once: true }));
  }
  return [registration.scope, worker.state];
}"""


@pytest.fixture
def open_context(browser, request):
    """Open browser contexts of a given kind; each one's pages must raise no
    JavaScript error and break no Content-Security-Policy."""
    opened = []

    def open_(options):
        context = browser.new_context(**options)
        context.add_init_script(WATCH)
        context.errors = []
        context.on(
            "page",
            lambda page: page.on("pageerror", lambda e: context.errors.append(e)),
        )
        opened.append(context)
        return context

    yield open_
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for context in opened:
        for page in context.pages:
            if not page.url.startswith("http") or page.is_closed():
                continue
            try:
                violations = page.evaluate("window.__violations")
            except Exception:  # noqa: S112 (a page offline or navigating)
                continue
            assert not violations, violations
        errors = list(context.errors)
        context.close()
        assert not errors, f"JavaScript errors on the page: {errors}"


def wait_until(page, check: str, arg=None, seconds: float = 10) -> None:
    """Wait until the async JavaScript function `check(arg)` returns true.
    (Playwright's wait_for_function takes the promise it returns as true.)"""
    deadline = time.monotonic() + seconds
    while not page.evaluate(check, arg):
        assert time.monotonic() < deadline, f"never true: {check}"
        page.wait_for_timeout(100)


def wait_until_kept(page, path: str) -> None:
    wait_until(
        page,
        """async (path) => {
          const cache = await caches.open("parley-articles");
          return Boolean(await cache.match(path));
        }""",
        path,
    )


def test_the_banner_shows_on_a_phone_and_installs_the_worker(live_server, open_context):
    make_article(headline="Rain returns to the valley")
    page = open_context(PHONE).new_page()
    page.goto(live_server.url)
    banner = page.locator("parley-app-banner")
    expect(banner).to_be_visible()
    expect(banner.get_by_text("Continue on app", exact=True)).to_be_visible()
    # No install offer from this browser yet: how to add it by hand.
    expect(banner.get_by_text("Open your browser's menu")).to_be_visible()
    expect(banner.get_by_role("button", name="Install")).to_be_hidden()
    scope, state = page.evaluate(WORKER_READY)
    assert scope == f"{live_server.url}/"
    assert state == "activated"
    screenshot(page, "app-banner-phone")

    # The end of the page scrolls clear of the banner: nothing stays under it.
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    footer = page.locator(".site-footer").bounding_box()
    top_of_banner = banner.bounding_box()["y"]
    assert footer["y"] + footer["height"] <= top_of_banner + 1


def test_no_banner_on_a_wide_screen(live_server, open_context):
    page = open_context(DESKTOP).new_page()
    page.goto(live_server.url)
    page.evaluate(WORKER_READY)  # the worker installs here too: offline reading
    expect(page.locator("parley-app-banner")).to_be_hidden()


def test_a_dismissed_banner_stays_dismissed(live_server, open_context):
    article = make_article()
    context = open_context(PHONE)
    page = context.new_page()
    page.goto(live_server.url)
    page.get_by_role("button", name="Dismiss").click()
    expect(page.locator("parley-app-banner")).to_have_count(0)
    page.reload()
    page.evaluate(WORKER_READY)
    expect(page.locator("parley-app-banner")).to_have_count(0)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.get_by_role("heading", name=article.headline)).to_be_visible()
    expect(page.locator("parley-app-banner")).to_have_count(0)
    # Another tab of the same browser: still dismissed.
    other = context.new_page()
    other.goto(live_server.url)
    expect(other.locator("parley-app-banner")).to_have_count(0)
    # Another browser (profile) has its own say.
    stranger = open_context(PHONE).new_page()
    stranger.goto(live_server.url)
    expect(stranger.locator("parley-app-banner")).to_be_visible()


def test_the_banner_offers_the_browsers_install(live_server, open_context):
    """When the browser offers the install (beforeinstallprompt), the banner's
    button shows it; accepted, the banner goes."""
    page = open_context(PHONE).new_page()
    page.goto(live_server.url)
    offered = page.evaluate(
        """() => {
          const offer = new Event("beforeinstallprompt", { cancelable: true });
          offer.prompt = async () => { window.__prompted = true; };
          offer.userChoice = Promise.resolve({ outcome: "accepted" });
          window.dispatchEvent(offer);
          return offer.defaultPrevented;
        }"""
    )
    assert offered  # the browser's own mini bar gives way to the banner
    install = page.get_by_role("button", name="Install")
    expect(install).to_be_visible()
    expect(page.get_by_text("Open your browser's menu")).to_be_hidden()
    screenshot(page, "app-banner-install")
    install.click()
    expect(page.locator("parley-app-banner")).to_have_count(0)
    assert page.evaluate("window.__prompted") is True


def test_the_banner_links_to_the_store_app_when_there_is_one(
    live_server, open_context, settings
):
    settings.PARLEY_APP_STORE_URL = "https://play.google.com/store/apps/details?id=x"
    page = open_context(PHONE).new_page()
    page.goto(live_server.url)
    link = page.get_by_role("link", name="Get the app")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == settings.PARLEY_APP_STORE_URL
    screenshot(page, "app-banner-store")


def test_an_article_opened_once_reads_offline(live_server, open_context):
    """Opened once online (before the worker even ran), it reads offline as it
    was; a page never opened shows the offline page, which lists it."""
    article = make_article(
        headline="The bridge reopens", body="Traffic flows.\n\nCyclists cheer."
    )
    never_opened = make_article(headline="Never opened")
    context = open_context(PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.evaluate(WORKER_READY)
    wait_until_kept(page, article.get_absolute_url())
    # Changed since: what shows offline is the kept copy, not the network's.
    article.headline = "The bridge reopens (updated)"
    save_article(article)

    context.set_offline(True)
    page.reload()
    expect(
        page.get_by_role("heading", name="The bridge reopens", exact=True)
    ).to_be_visible()
    expect(page.get_by_text("Cyclists cheer.")).to_be_visible()
    screenshot(page, "app-article-offline")

    page.goto(f"{live_server.url}{never_opened.get_absolute_url()}")
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    saved = page.locator(".saved-articles a")
    expect(saved).to_have_count(1)
    expect(saved).to_have_text("The bridge reopens")
    screenshot(page, "app-offline-page")
    saved.click()
    expect(page.get_by_text("Traffic flows.")).to_be_visible()

    context.set_offline(False)
    page.reload()
    expect(
        page.get_by_role("heading", name="The bridge reopens (updated)")
    ).to_be_visible()


KEPT_PATHS = """async () => {
  const cache = await caches.open("parley-articles");
  return (await cache.keys()).map((request) => new URL(request.url).pathname).sort();
}"""
KEPT_TEXT = """async (path) => {
  const cache = await caches.open("parley-articles");
  return (await cache.match(path)).text();
}"""


def test_a_signed_in_readers_article_is_kept_as_everybody_sees_it(
    live_server, open_context, reader_user, settings
):
    """Their name, or anything else of theirs, never lands in the cache."""
    article = make_article(headline="Ferry timetable")
    client = Client()
    client.force_login(reader_user)
    context = open_context(PHONE)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(live_server.url)
    page.evaluate(WORKER_READY)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")  # through the worker
    expect(page.get_by_text("Signed in as")).to_be_visible()
    wait_until_kept(page, article.get_absolute_url())
    kept = page.evaluate(KEPT_TEXT, article.get_absolute_url())
    assert "Ferry timetable" in kept
    assert "Signed in as" not in kept
    assert "Sign in" in kept


def test_only_the_latest_articles_are_kept(live_server, open_context, settings):
    settings.PARLEY_APP_OFFLINE_ARTICLES = 2
    articles = [make_article() for _ in range(3)]
    page = open_context(DESKTOP).new_page()
    page.goto(live_server.url)
    page.evaluate(WORKER_READY)
    for article in articles:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        wait_until_kept(page, article.get_absolute_url())
    wait_until(
        page,
        "async () => (await (await caches.open('parley-articles')).keys()).length == 2",
    )
    latest = sorted(article.get_absolute_url() for article in articles[1:])
    assert page.evaluate(KEPT_PATHS) == latest

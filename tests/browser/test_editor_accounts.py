"""Signing in and up as a reader meets it, in Chromium on a desktop and a
phone: the newsroom's name on every account page (never the host), only what a
commenter needs, and back to the article they came from."""

import re

import pytest
from django.contrib.sites.models import Site
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
NAME = "The Parley Courier"


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser, live_server, settings):
    """A page at this size; the sites framework's row named after the host, as
    an install left as it came shows it."""
    host = live_server.url.removeprefix("http://")
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": host, "name": host}
    )
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield request.param, page, host
    context.close()
    assert not errors, errors


def _shows_the_newsroom_name(page, title: str, host: str) -> None:
    expect(page).to_have_title(f"{title} · {NAME}")
    expect(page.locator(".masthead__name")).to_have_text(NAME)
    expect(page.locator(".site-footer__name")).to_have_text(NAME)
    assert host not in page.content()


def _fits(page) -> bool:
    return page.evaluate(
        "document.scrollingElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_sign_up_from_an_article_returns_to_it(live_server, screen):
    size, page, host = screen
    article = make_article(headline="Ferry timetable changes")
    url = f"{live_server.url}{article.get_absolute_url()}"
    page.goto(url)
    page.locator(".masthead").get_by_role("link", name="Sign in").click()
    _shows_the_newsroom_name(page, "Sign in", host)
    screenshot(page, f"editor-accounts-sign-in-{size}")
    assert _fits(page)

    page.locator("main").get_by_role("link", name="Create an account").click()
    _shows_the_newsroom_name(page, "Create an account", host)
    form = page.locator("main form")
    fields = form.locator("input:not([type=hidden])")
    expect(fields).to_have_count(3)
    form.get_by_label("Name").fill("Rosa Díaz")
    form.get_by_label("E-mail address").fill("rosa@example.org")
    form.get_by_label("Password").fill("a-Long-pass-8421")
    screenshot(page, f"editor-accounts-sign-up-{size}")
    assert _fits(page)
    form.get_by_role("button", name="Create account").click()

    page.wait_for_url(url)
    expect(page.locator(".masthead")).to_contain_text("Signed in as Rosa Díaz")
    screenshot(page, f"editor-accounts-back-on-the-article-{size}")

    # Signing out is a button (a form that posts), back on the front page.
    sign_out = page.locator(".masthead").get_by_role("button", name="Sign out")
    sign_out.click()
    expect(
        page.locator(".masthead").get_by_role("link", name="Sign in")
    ).to_be_visible()

    # And back in with the address chosen at sign-up.
    page.goto(url)
    page.locator(".masthead").get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail or username").fill("rosa@example.org")
    page.get_by_label("Password").fill("a-Long-pass-8421")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url)
    expect(page.locator(".masthead")).to_contain_text("Signed in as Rosa Díaz")


def test_a_taken_name_is_refused_with_the_typed_values_kept(
    live_server, screen, django_user_model
):
    size, page, host = screen
    django_user_model.objects.create_user("rosa", first_name="Rosa", last_name="Díaz")
    page.goto(f"{live_server.url}/accounts/sign-up/?next=/")
    form = page.locator("main form")
    form.get_by_label("Name").fill("rosa díaz")
    form.get_by_label("E-mail address").fill("rosa@example.org")
    form.get_by_label("Password").fill("a-Long-pass-8421")
    form.get_by_role("button", name="Create account").click()
    expect(page.locator(".field-error")).to_have_text(
        "Another reader goes by this name. Please choose another."
    )
    expect(form.get_by_label("E-mail address")).to_have_value("rosa@example.org")
    _shows_the_newsroom_name(page, "Create an account", host)
    screenshot(page, f"editor-accounts-sign-up-refused-{size}")
    assert _fits(page)
    assert re.search(r"/accounts/sign-up/", page.url)

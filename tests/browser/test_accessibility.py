"""axe-core on every reader page, the widget and the desk: no violation of any
impact, with JavaScript and without, at desktop and phone sizes, with the
forms' error states showing."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.flatpages.models import FlatPage
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from parley.newsroom.models import Article, Author, Tag
from tests.browser.axe import axe_violations
from tests.browser.conftest import WIDGET_LOADED, screenshot, wait_for_widget

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
EDITOR_PASSWORD = "a long and careful passphrase"


def _demo() -> dict:
    """Load the demo newsroom and return the addresses of its reader pages."""
    call_command("load_demo", verbosity=0)
    call_command("load_moderation_demo", verbosity=0)
    call_command("load_support_demo", verbosity=0)
    # Live articles open to comments (drafts have no published date, which
    # PostgreSQL sorts first: never pick by the default order).
    readable = Article.objects.published().filter(comments_open=True).order_by("pk")
    busiest = max(readable, key=lambda article: article.thread.comments.count())
    quiet = readable.exclude(pk=busiest.pk).first()
    pages = {
        "home": "/",
        "article": busiest.get_absolute_url(),
        "quiet article": quiet.get_absolute_url(),
        "tag": Tag.objects.first().get_absolute_url(),
        "author": Author.objects.first().get_absolute_url(),
        "support": reverse("support:page"),
        "embed help": reverse("embed:help"),
        "offline": reverse("pwa:offline"),
        "sign in": reverse("accounts:sign_in"),
        "sign up": reverse("accounts:sign_up"),
        "notifications": reverse("notifications:manage"),
        "not found": "/no-such-page/",
    }
    for flatpage in FlatPage.objects.all():
        pages[f"page {flatpage.url}"] = flatpage.url
    try:
        pages["search"] = reverse("newsroom:search") + "?q=council"
        pages["search, nothing found"] = reverse("newsroom:search") + "?q=zzzzqx"
    except NoReverseMatch:
        pass
    return pages


def _check(page, url: str, name: str, problems: list[str]) -> None:
    page.goto(url)
    found = axe_violations(page)
    problems.extend(f"{name}: {line}" for line in found)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reader_pages_with_javascript_have_no_axe_violations(
    live_server, browser, viewport
):
    """Every reader page, the widget loaded and its form's errors showing."""
    pages = _demo()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.add_init_script(WIDGET_LOADED)
    problems: list[str] = []
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        if name.endswith("article"):
            wait_for_widget(page)
        problems.extend(f"{name}: {line}" for line in axe_violations(page))

    # The widget's errors, next to their fields.
    page.goto(f"{live_server.url}{pages['quiet article']}")
    wait_for_widget(page)
    page.locator("parley-comments").get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Please enter your comment!")).to_be_visible()
    problems.extend(f"widget errors: {line}" for line in axe_violations(page))
    screenshot(page, f"axe-widget-errors-{viewport['width']}")
    context.close()
    assert not problems, "\n".join(problems)


def _without_site_scripts(route) -> None:
    if route.request.resource_type == "script":
        route.abort()
    else:
        route.continue_()


def test_reader_pages_without_javascript_have_no_axe_violations(live_server, browser):
    """The same pages as the server renders them, and its forms' errors."""
    pages = _demo()
    # The site's scripts never load, so the pages are as a reader without
    # JavaScript gets them (no page uses <noscript>); axe itself needs the
    # browser's JavaScript, so it cannot be switched off altogether.
    context = browser.new_context(viewport=DESKTOP)
    context.route("**/*", _without_site_scripts)
    page = context.new_page()
    problems: list[str] = []
    for name, path in pages.items():
        _check(page, f"{live_server.url}{path}", name, problems)

    page.goto(f"{live_server.url}{pages['quiet article']}")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Please enter your comment!")).to_be_visible()
    problems.extend(f"form errors: {line}" for line in axe_violations(page))

    page.goto(f"{live_server.url}{pages['sign in']}")
    page.get_by_role("button", name="Sign in").click()
    problems.extend(f"sign-in errors: {line}" for line in axe_violations(page))

    page.goto(f"{live_server.url}{pages['sign up']}")
    page.locator("main form").get_by_role("button").last.click()
    problems.extend(f"sign-up errors: {line}" for line in axe_violations(page))
    screenshot(page, "axe-sign-up-errors")
    context.close()
    assert not problems, "\n".join(problems)


def test_desk_and_editor_pages_have_no_axe_violations(live_server, browser):
    """An editor's pages: the desk, its log, and an article page signed in."""
    pages = _demo()
    editor = get_user_model().objects.get(username="editor")
    editor.set_password(EDITOR_PASSWORD)
    editor.save(update_fields=["password"])
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.add_init_script(WIDGET_LOADED)
    page.goto(f"{live_server.url}{pages['sign in']}")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    problems: list[str] = []
    for name, path in {
        "desk": reverse("moderation:desk"),
        "audit log": reverse("moderation:log"),
        "notifications": reverse("notifications:manage"),
    }.items():
        _check(page, f"{live_server.url}{path}", name, problems)
    page.goto(f"{live_server.url}{pages['article']}")
    wait_for_widget(page)
    problems.extend(f"article as editor: {line}" for line in axe_violations(page))
    context.close()
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_nameless_image_link(live_server, page):
    """The tool itself: a link holding only an image without alt text fails."""
    page.goto(f"{live_server.url}/no-such-page/")
    page.evaluate(
        """() => { const a = document.createElement("a"); a.href = "/";
        const img = document.createElement("img"); img.src = "/x.png";
        a.append(img); document.querySelector("main").append(a); }"""
    )
    assert any(line.startswith("link-name") for line in axe_violations(page))

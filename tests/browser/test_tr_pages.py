"""The newsroom's pages in Chromium in the reader's language: German chrome,
dates and counts for a German browser, Arabic laid out right to left at a
desktop's and a phone's size, and each language's reader getting their own
shared page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import test_front_pages as front
from tests.browser.conftest import screenshot
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
OVERFLOW = (
    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
)
GERMAN_MONTHS = (
    "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
)
GERMAN_SHORT_MONTHS = "Jan|Feb|März|Apr|Mai|Juni|Juli|Aug|Sept|Okt|Nov|Dez"

# In a right-to-left line, the date (its every glyph) is left of the text
# before it ("By Author 48 · ").
DATE_AFTER_NAME = """(meta) => {
  const range = document.createRange();
  range.selectNodeContents(meta.firstChild);
  const name = [...range.getClientRects()];
  const date = [...meta.querySelector("time").getClientRects()];
  return date.every((d) => name.every((n) => d.right <= n.left + 1));
}"""


def _context(browser, locale: str, viewport: str = "desktop"):
    width, height = VIEWPORTS[viewport]
    return browser.new_context(
        viewport={"width": width, "height": height}, locale=locale
    )


def _commented_article():
    article = make_article(
        headline="Night trains return",
        lead_image_url="/static/parley/demo/night-train.svg",
        lead_image_caption="The sleeper at dusk.",
        lead_image_credit="Illustration: Nadia Brook",
    )
    for n in range(12):
        post(article.thread, f"Comment number {n}.")
    return article


def test_german_reader_gets_german_home_and_article(live_server, browser):
    front._newsroom()
    article = _commented_article()
    context = _context(browser, "de-DE")
    page = context.new_page()
    try:
        page.goto(live_server.url)
        expect(page.locator("html")).to_have_attribute("lang", "de")
        masthead = page.locator(".masthead")
        expect(
            masthead.get_by_role("searchbox", name="Artikel durchsuchen")
        ).to_have_attribute("placeholder", "Suchen")
        expect(masthead.get_by_role("button", name="Suchen")).to_be_visible()
        nav = page.get_by_role("navigation", name="Rubriken")
        expect(nav.get_by_role("link", name="Startseite")).to_have_attribute(
            "aria-current", "page"
        )
        expect(page.get_by_role("heading", name="Neueste Artikel")).to_be_visible()
        footer = page.get_by_role("navigation", name="Über diese Website")
        for name in ("Über uns", "Datenschutz", "Korrekturen", "Community-Richtlinien"):
            expect(footer.get_by_role("link", name=name)).to_be_visible()
        expect(page.locator(".lead time")).to_have_text(
            re.compile(rf"^\d{{1,2}}\. ({GERMAN_MONTHS}) \d{{4}}$")
        )
        screenshot(page, "tr-pages-de-home")

        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        byline = page.locator(".byline")
        expect(byline).to_contain_text("Von ")
        expect(byline.get_by_role("link", name="12 Kommentare")).to_have_attribute(
            "href", "#comments"
        )
        expect(byline.locator("time")).to_have_text(
            re.compile(rf"^\d{{1,2}}\. ({GERMAN_MONTHS}) \d{{4}}, \d\d:\d\d$")
        )
        expect(page.locator(".credit")).to_have_text("Illustration: Nadia Brook")
        expect(page.get_by_role("heading", name="Neueste Artikel")).to_be_visible()
        expect(page.locator(".latest time").first).to_have_text(
            re.compile(rf"^\d{{1,2}}\. ({GERMAN_SHORT_MONTHS})\.?$")
        )
        screenshot(page, "tr-pages-de-article")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_arabic_home_and_article_read_right_to_left(live_server, browser, viewport):
    """Arabic pages (search and sign-in too) are right to left and no wider
    than the screen; the masthead and the article's layout mirror (the name
    starts on the right)."""
    front._newsroom()
    article = _commented_article()
    context = _context(browser, "ar", viewport)
    page = context.new_page()
    try:
        for name, path in (
            ("search", "/search/?q=trains"),
            ("sign-in", "/accounts/sign-in/"),
            ("home", "/"),
            ("article", article.get_absolute_url()),
        ):
            page.goto(f"{live_server.url}{path}")
            html = page.locator("html")
            expect(html).to_have_attribute("lang", "ar")
            expect(html).to_have_attribute("dir", "rtl")
            expect(page.get_by_role("button", name="بحث").first).to_be_visible()
            assert page.evaluate(OVERFLOW) <= 0, f"{name} overflows"
            # The newsroom's name sits at the start of the masthead: the right.
            box = page.locator(".masthead__name").bounding_box()
            width = VIEWPORTS[viewport][0]
            assert box["x"] + box["width"] > width / 2
            if name == "search":
                # "By Author 48" and its date keep their order: the date is a
                # run of its own, all of it left of the name.
                assert page.locator(".search-hit .meta").first.evaluate(DATE_AFTER_NAME)
            screenshot(page, f"tr-pages-ar-{name}-{viewport}")
        expect(
            page.get_by_role("navigation", name="الأقسام").get_by_role(
                "link", name="الصفحة الرئيسية"
            )
        ).to_be_visible()
        expect(page.locator(".byline").get_by_role("link")).to_contain_text(
            ["12 تعليقًا"]
        )
        if viewport == "desktop":
            # The sidebar of latest stories is on the left, after the article.
            article_box = page.locator("article.article").bounding_box()
            sidebar_box = page.locator("aside.sidebar").bounding_box()
            assert sidebar_box["x"] < article_box["x"]
    finally:
        context.close()


def test_an_english_reader_after_a_german_one_gets_english(live_server, browser):
    """The shared home page is kept once per language: the German page built
    first is never served to the English browser that comes next."""
    make_article(headline="Shared story")
    for locale, words, other in (
        ("de-DE", "Startseite", "Front page"),
        ("en-US", "Front page", "Startseite"),
        ("de-DE", "Startseite", "Front page"),
    ):
        context = _context(browser, locale)
        page = context.new_page()
        try:
            page.goto(live_server.url)
            nav = page.locator("nav.sections")
            expect(nav).to_contain_text(words)
            expect(nav).not_to_contain_text(other)
        finally:
            context.close()

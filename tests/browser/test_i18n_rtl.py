"""Translated pages in Chromium: Arabic right to left at desktop and phone
sizes, and the widget speaking its embedding page's language."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
OVERFLOW = (
    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(
    ("path", "heading"),
    [("/support/", "طرق التبرع"), ("/notifications/", "إشعاراتك")],
    ids=["support", "notifications"],
)
def test_arabic_pages_read_right_to_left(live_server, browser, viewport, path, heading):
    """A reader whose browser asks for Arabic gets the page in Arabic, laid out
    right to left, with nothing wider than the screen."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="ar"
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{path}")
        html = page.locator("html")
        expect(html).to_have_attribute("lang", "ar")
        expect(html).to_have_attribute("dir", "rtl")
        expect(page.get_by_text(heading).first).to_be_visible()
        assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
        # The masthead's account links are in Arabic too (a shared page's reader part).
        expect(page.get_by_role("link", name="تسجيل الدخول").first).to_be_visible()
        assert page.evaluate(OVERFLOW) <= 0
        name = path.strip("/").replace("/", "-")
        screenshot(page, f"i18n-rtl-{name}-{viewport}")
    finally:
        context.close()


HOST_PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Ein Blog anderswo</title></head>
<body>
<h1>Mein Spaziergang an der Küste</h1>
<script src="{server}/static/parley/embed.js"
        data-parley-thread="blog:kueste" async></script>
</body></html>"""


def test_the_widget_speaks_its_pages_language(
    live_server, page, other_origin, settings
):
    """On a German page the widget's words are German, from the server's
    catalogue, though the browser asks for English."""
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    (folder / "post.html").write_text(HOST_PAGE.format(server=live_server.url))

    page.goto(f"{origin}/post.html")
    widget = page.locator("parley-comments")
    expect(widget.locator("fieldset.notify legend")).to_have_text("Benachrichtigen bei")
    expect(widget.get_by_text("neuen Folgekommentaren")).to_be_visible()
    expect(widget.get_by_role("link", name="Community-Richtlinien")).to_be_visible()
    # The invitation too (exact in English, translated elsewhere).
    expect(widget.locator(".discussion__invite")).to_have_text(
        "Wir freuen uns auf Ihre Meinung \u2013 schreiben Sie einen Kommentar."
    )
    screenshot(page, "i18n-widget-de")

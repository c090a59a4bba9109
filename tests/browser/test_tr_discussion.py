"""The discussion under an article, without JavaScript, in the reader's
language: a German browser gets the German discussion (heading, form, sort,
the form's errors), an Arabic one a right-to-left discussion that fits the
screen; and an editor's Approve and Reject there are real targets, in any
language."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import make_article, post
from tests.moderation.conftest import hold

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
OVERFLOW = (
    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
)


def _no_js(browser, locale: str, viewport: str = "desktop"):
    width, height = VIEWPORTS[viewport]
    return browser.new_context(
        java_script_enabled=False,
        locale=locale,
        viewport={"width": width, "height": height},
    )


def test_a_german_reader_gets_the_german_discussion(live_server, browser):
    article = make_article(headline="Nachtzüge kehren zurück")
    for number in range(3):
        post(article.thread, f"Meinung {number}", name=f"Leser {number}")
    context = _no_js(browser, "de-DE")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        discussion = page.locator("#comments")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        expect(discussion.locator("#comments-title")).to_have_text("3 Kommentare")
        expect(discussion.locator(".comment-form__title")).to_have_text(
            "Einen Kommentar schreiben"
        )
        expect(discussion.get_by_label("Kommentar", exact=True)).to_be_visible()
        expect(
            discussion.get_by_label("E-Mail (freiwillig, wird nie angezeigt)")
        ).to_be_visible()
        sort = discussion.locator("nav.sort")
        expect(sort).to_have_attribute("aria-label", "Kommentare sortieren")
        expect(sort.get_by_role("link")).to_have_text(
            ["Neueste", "Älteste", "Meiste Stimmen", "Kommentare im Text"]
        )
        expect(discussion.locator("fieldset.notify legend")).to_have_text(
            "Benachrichtigen bei"
        )
        expect(
            discussion.get_by_role("link", name="Antworten", exact=True)
        ).to_have_count(3)

        discussion.get_by_role("button", name="Kommentar veröffentlichen").click()
        errors = page.locator("#comment-form .field-error")
        expect(errors.first).to_have_text("Bitte geben Sie Ihren Kommentar ein!")
        expect(errors).to_contain_text(["Bitte geben Sie hier Ihren Namen ein"])
        page.locator("#comment-form").scroll_into_view_if_needed()
        screenshot(page, "tr-discussion-de-errors")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_arabic_discussion_reads_right_to_left(live_server, browser, viewport):
    article = make_article(headline="عودة قطارات الليل")
    post(article.thread, "تعليق أول على المقال.", name="سلمى")
    post(article.thread, "وتعليق ثانٍ أطول قليلًا من الأول.", name="Omar")
    context = _no_js(browser, "ar", viewport)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        html = page.locator("html")
        expect(html).to_have_attribute("lang", "ar")
        expect(html).to_have_attribute("dir", "rtl")
        discussion = page.locator("#comments")
        expect(discussion.locator("#comments-title")).to_have_text("تعليقان")
        expect(discussion.get_by_role("button", name="انشر التعليق")).to_be_visible()
        expect(discussion.locator("nav.sort a").first).to_have_text("الأحدث")
        direction = discussion.evaluate("(node) => getComputedStyle(node).direction")
        assert direction == "rtl"
        assert page.evaluate(OVERFLOW) <= 0
        discussion.scroll_into_view_if_needed()
        screenshot(page, f"tr-discussion-ar-{viewport}")
    finally:
        context.close()


def _editor_page(browser, live_server, locale: str, viewport: str):
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client = Client()
    client.force_login(editor)
    context = _no_js(browser, locale, viewport)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    return context


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_staff_controls_are_real_targets(live_server, browser, viewport):
    """Approve, Reject, Feature and the desk links, on held and published
    comments: at least 44 px tall and 24 px wide, with a visible focus ring."""
    article = make_article(headline="Dredging costs")
    post(article.thread, "Glad it is finally happening.", name="Olu")
    hold(post(article.thread, "The council hid the costs.", name="Tam"), intake={})
    context = _editor_page(browser, live_server, "fr-FR", viewport)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        held = page.locator("section.held")
        expect(held.locator(".held__title")).to_have_text(
            "1 commentaire en attente de modération"
        )
        controls = page.locator(".staff-controls button, .staff-controls a")
        expect(controls.first).to_be_visible()
        assert controls.count() >= 7  # 3 on the held one, 4 on the published one
        for index in range(controls.count()):
            box = controls.nth(index).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 24, (index, box)
        # Buttons a moderator tells from the readers' links: outlined.
        buttons = page.locator(".staff-controls button")
        for index in range(buttons.count()):
            border = buttons.nth(index).evaluate(
                "(node) => parseFloat(getComputedStyle(node).borderTopWidth)"
            )
            assert border >= 1, index
        approve = held.get_by_role("button", name="Approuver")
        approve.focus()
        outline = approve.evaluate(
            "(node) => { const s = getComputedStyle(node);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2
        assert page.evaluate(OVERFLOW) <= 0
        held.scroll_into_view_if_needed()
        screenshot(page, f"tr-discussion-staff-controls-{viewport}")
    finally:
        context.close()

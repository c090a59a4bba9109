"""Every control of the discussion is a target of at least 24 x 24 CSS px
(WCAG 2.2), and 44 x 44 for the ones readers use most, on a phone and on a
desktop, with JavaScript (the widget) and without (the server's markup)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, screenshot, wait_for_widget
from tests.browser.widget_pages import VIEWPORTS
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)

# Links inside sentences are exempt (WCAG 2.5.8 "inline"): a comment's body,
# hints, error sentences. The field people never see is not a target.
MEASURE = """root => {
  const exempt = ".comment__body a, .hint a, .form-errors a, .field-error a,"
    + " .field--trap *";
  const big = "[data-vote], [data-action], .sort a, .sort button, .report summary,"
    + " .comment__actions a, .comment__actions button, .button";
  const controls = "a[href], button, input:not([type=hidden]), summary, select,"
    + " textarea";
  return [...root.querySelectorAll(controls)]
    .filter(el => !el.matches(exempt))
    .map(el => ({el, box: el.getBoundingClientRect()}))
    .filter(({box}) => box.width > 0 && box.height > 0)
    .map(({el, box}) => ({
      what: el.outerHTML.slice(0, 90),
      width: Math.round(box.width * 10) / 10,
      height: Math.round(box.height * 10) / 10,
      big: el.matches(big),
    }));
}"""


def _too_small(page):
    targets = page.locator("parley-comments").evaluate(MEASURE)
    assert len(targets) > 10
    return [
        t for t in targets if min(t["width"], t["height"]) < (44 if t["big"] else 24)
    ]


@pytest.fixture
def moderator(django_user_model):
    from tests.moderation.conftest import _member

    return _member(django_user_model, "mona", "Moderators")


@pytest.mark.parametrize("reader", ["guest", "moderator"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_control_is_big_enough_to_hit(
    live_server, browser, viewport, javascript, reader, request
):
    article = make_article(headline="Targets")
    for i in range(22):
        post(
            article.thread,
            f"Comment {i}.",
            name=f"Reader {i}",
            website="https://a.example",
        )
    parent = post(article.thread, "A comment with a reply.", name="Olu")
    post(article.thread, "The reply.", name="Ana", parent=parent)
    phone = viewport == "phone"
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        java_script_enabled=javascript,
        is_mobile=phone,
        has_touch=phone,
    )
    if reader == "moderator":
        # The staff controls too (Approve, Reject, Feature, Desk).
        client = Client()
        client.force_login(request.getfixturevalue("moderator"))
        cookie = client.cookies["sessionid"].value
        context.add_cookies(
            [{"name": "sessionid", "value": cookie, "url": live_server.url}]
        )
    page = context.new_page()
    if javascript:
        page.add_init_script(
            "document.addEventListener('parley:loaded', () =>"
            " document.documentElement.dataset.parleyLoaded = '')"
        )
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    if javascript:
        wait_for_widget(page)
        # The controls that open: a reply form and a report.
        item = page.locator(f"#comment-{parent.pk}")
        item.locator(":scope > article").get_by_role("button", name="Reply").click()
        item.locator(":scope > article .report summary").click()
        expect(item.locator(".report__form")).to_be_visible()
    if reader == "moderator":
        expect(page.get_by_role("button", name="Approve").first).to_be_visible()
    name = f"widget-targets-{viewport}-{'js' if javascript else 'no-js'}-{reader}"
    screenshot(page, name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    small = _too_small(page)
    assert small == [], "\n".join(map(str, small))
    context.close()

"""What the widget's browser tests share: a page at desktop and phone sizes."""

import pytest

from tests.browser.conftest import ARTIFACTS, WIDGET_LOADED

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(browser, request):
    """A page at desktop (1280 x 900) and phone (390 x 844) sizes, failing the
    test on any JavaScript error, with a screenshot named after the test."""
    phone = request.param == "phone"
    context = browser.new_context(
        viewport=VIEWPORTS[request.param], is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WIDGET_LOADED)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def top_level(page):
    return page.locator("parley-comments > ol.comments > li.comment")


def announced(page):
    """The widget's polite live region."""
    return page.locator("parley-comments [data-ref=announce]")


def focused(page, script: str = "el => el"):
    """Run `script` on the focused element (document.activeElement)."""
    return page.evaluate(f"() => ({script})(document.activeElement)")

"""The admin as an editor meets it, in Chromium at 1280x900: the newsroom's
name, the site's icon, and a comment list that needs no sideways scrolling."""

import pytest
from playwright.sync_api import expect

from parley.discussions.models import Comment
from tests.browser.conftest import screenshot
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)

LONG_WORDS = "Supercalifragilisticexpialidocious-harbour-dredging-" * 4


def _sign_in(page, live_server, django_user_model) -> None:
    """Through the admin's own sign-in page, as an editor does."""
    django_user_model.objects.create_superuser("ed", "e@x.org", "pw-ed-12345")
    page.goto(f"{live_server.url}/admin/login/")
    expect(page.locator("#site-name")).to_have_text("The Parley Courier newsroom")
    screenshot(page, "editor-admin-sign-in-1280")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill("pw-ed-12345")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on(
        "response",
        lambda response: (
            failed.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.failed = failed
    yield page
    context.close()


def test_the_admin_carries_the_newsroom_name_and_icon(
    live_server, desktop, django_user_model
):
    page = desktop
    _sign_in(page, live_server, django_user_model)
    expect(page).to_have_title(
        "Articles, discussions and readers | The Parley Courier newsroom"
    )
    expect(page.locator("#site-name")).to_have_text("The Parley Courier newsroom")
    expect(page.locator("h1")).to_have_text("Articles, discussions and readers")
    icon = page.locator('link[rel="icon"]')
    expect(icon).to_have_attribute("href", "/static/parley/favicon.svg")
    screenshot(page, "editor-admin-index-1280")
    assert not page.failed, f"Requests that failed: {page.failed}"


def test_the_comment_list_fits_a_1280_pixel_window(
    live_server, desktop, django_user_model
):
    """Text, article, author, state and score, without sideways scrolling."""
    article = make_article(
        headline="The harbour authority's long-delayed dredging programme finally "
        "starts in May, with the ferry lane closed for six weeks"
    )
    for index in range(6):
        comment = post(
            article.thread,
            f"{LONG_WORDS} A long comment number {index}, " + "with many words " * 40,
            name="Alexandra Konstantinidou-Worthington " * 2,
        )
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)
    page = desktop
    _sign_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/discussions/comment/")
    expect(page.locator("#result_list")).to_be_visible()
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert [h.strip().lower() for h in headers[1:]] == [
        "comment",
        "article",
        "author, posted",
        "status",
        "score",
    ]
    cell = page.locator("#result_list th.field-text .cut").first
    expect(cell).to_have_attribute(
        "title",
        f"{LONG_WORDS} A long comment number 5, " + ("with many words " * 40).strip(),
    )
    expect(page.locator("#result_list td.field-status").first).to_have_text(
        "Awaiting moderation"
    )
    screenshot(page, "editor-admin-comments-1280")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 1280, f"The comment list is {width} px wide at 1280 px."
    assert page.evaluate(
        "[...document.querySelectorAll('.results')].every("
        "(el) => el.scrollWidth <= el.clientWidth)"
    ), "The comment table scrolls sideways inside its box."
    assert not page.failed, f"Requests that failed: {page.failed}"

"""An editor signed in on an article page moderates there, in Chromium at
1280x900: with JavaScript the widget shows every held comment with its staff
controls; without it the page lists them with Approve, Reject and the desk."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from parley.discussions.models import Comment
from tests.browser.conftest import WIDGET_LOADED, screenshot, wait_for_widget
from tests.factories import make_article, post
from tests.moderation.conftest import hold

pytestmark = pytest.mark.django_db(transaction=True)

HELD_TEXT = "The council hid the dredging costs until after the vote."


def _editor_context(browser, live_server, *, javascript: bool = True):
    """A browser signed in as the newsroom's editor (a superuser)."""
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client = Client()
    client.force_login(editor)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
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


@pytest.fixture
def article_with_held():
    article = make_article(headline="Dredging costs")
    post(article.thread, "Glad it is finally happening.", name="Olu")
    held = hold(post(article.thread, HELD_TEXT, name="Tam"), intake={})
    return article, held


def test_editor_signs_in_from_the_article_and_approves_a_held_comment_there(
    live_server, browser, article_with_held
):
    """From the masthead's Sign in, by e-mail address, back to the article,
    where the widget shows the held comment with its staff controls."""
    article, held = article_with_held
    get_user_model().objects.create_superuser(
        "ed", "ed@example.org", "pw-ed-12345", first_name="Edith"
    )
    url = f"{live_server.url}{article.get_absolute_url()}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WIDGET_LOADED)
    page.goto(url)
    page.locator(".masthead").get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail or username").fill("ed@example.org")
    page.get_by_label("Password").fill("pw-ed-12345")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url)
    expect(page.locator(".masthead")).to_contain_text("Signed in as Edith")
    wait_for_widget(page)
    item = page.locator(f"parley-comments li#comment-{held.pk}")
    expect(item.locator(".badge--held")).to_have_text("Awaiting moderation")
    approve = item.locator(".staff").get_by_role("button", name="Approve")
    expect(approve).to_be_visible()
    item.scroll_into_view_if_needed()
    screenshot(page, "editor-moderation-held-with-js-1280")
    approve.click()
    expect(item.locator(".comment__moderated")).to_have_text(
        "Approved: readers see it."
    )
    expect(item.locator(".badge--held")).to_be_hidden()
    context.close()
    assert not errors, errors
    assert Comment.objects.get(pk=held.pk).status == "published"


def test_editor_sees_held_comments_and_approves_without_javascript(
    live_server, browser, article_with_held
):
    article, held = article_with_held
    url = f"{live_server.url}{article.get_absolute_url()}"
    context = _editor_context(browser, live_server, javascript=False)
    page = context.new_page()
    page.goto(url)
    section = page.get_by_role("region", name="Comments awaiting moderation")
    expect(section.get_by_role("heading")).to_have_text("1 comment awaiting moderation")
    item = section.locator(f"#comment-{held.pk}")
    expect(item).to_contain_text(HELD_TEXT)
    desk = item.get_by_role("link", name="Open at the moderation desk")
    expect(desk).to_have_attribute("href", f"/moderate/comments/{held.pk}/")
    expect(item.get_by_role("button", name="Reject")).to_be_visible()
    item.scroll_into_view_if_needed()
    screenshot(page, "editor-moderation-held-without-js-1280")
    item.get_by_role("button", name="Approve").click()
    page.wait_for_url(f"{url}#comment-{held.pk}")
    expect(page.get_by_text(f"Approved comment #{held.pk} by Tam.")).to_be_visible()
    expect(page.locator(".held")).to_have_count(0)
    expect(page.locator(f"li#comment-{held.pk}")).to_contain_text(HELD_TEXT)
    screenshot(page, "editor-moderation-approved-without-js-1280")
    context.close()
    assert Comment.objects.get(pk=held.pk).status == "published"

    # Readers now see it; they never saw the controls.
    reader = browser.new_context(java_script_enabled=False)
    page = reader.new_page()
    page.goto(url)
    expect(page.get_by_text(HELD_TEXT)).to_be_visible()
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    reader.close()

"""After each thing a reader does, focus lands somewhere sensible and a polite
live region says what happened."""

import pytest
from playwright.sync_api import expect

from tests.browser import widget_pages
from tests.browser.conftest import screenshot, wait_for_widget
from tests.browser.widget_pages import announced, top_level
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)
sized_page = widget_pages.sized_page


def test_post_reply_edit_delete_and_sort_move_focus_and_announce(
    live_server, sized_page, request
):
    page = sized_page
    article = make_article(headline="Focus")
    post(article.thread, "Already here.", name="Olu")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    widget = page.locator("parley-comments")
    region = announced(page)
    expect(region).to_have_attribute("role", "status")
    expect(region).to_have_attribute("aria-live", "polite")

    form = widget.locator("[data-ref=form-slot] form")
    form.get_by_label("Comment", exact=True).fill("My first comment.")
    form.get_by_label("Name").fill("Rosa")
    form.get_by_role("button", name="Post comment").click()
    mine = widget.locator("li.comment", has_text="My first comment.")
    expect(mine.locator(":scope > article")).to_be_focused()
    mine = page.locator(f"#{mine.get_attribute('id')}")
    expect(region).to_have_text("Comment posted")

    mine.get_by_role("button", name="Reply").click()
    reply_form = mine.locator("form[data-kind=reply]")
    reply_form.get_by_label("Comment", exact=True).fill("And a reply to myself.")
    reply_form.get_by_role("button", name="Post comment").click()
    reply = mine.locator(".comments--replies li.comment")
    expect(reply.locator(":scope > article")).to_be_focused()
    expect(region).to_have_text("Reply posted")

    mine.locator(":scope > article").get_by_role("button", name="Edit").click()
    mine.get_by_label("Edit your comment").fill("My first comment, edited.")
    mine.get_by_role("button", name="Save").click()
    expect(mine.locator(":scope > article")).to_be_focused()
    expect(region).to_have_text("Edit saved")

    reply.get_by_role("button", name="Delete").click()
    reply.get_by_role("button", name="Really delete?").click()
    expect(mine.locator(".comments--replies li.comment")).to_have_count(0)
    # The reply had no siblings: focus goes up to the comment it answered.
    expect(mine.locator(":scope > article")).to_be_focused()
    expect(region).to_have_text("Comment deleted")

    widget.get_by_role("button", name="Oldest").click()
    expect(top_level(page).first).to_contain_text("Already here.")
    expect(widget.get_by_role("button", name="Oldest")).to_be_focused()
    expect(region).to_have_text("Sorted by Oldest. Showing 2 of 2 comments")
    screenshot(page, f"widget-focus-{request.node.callspec.id}")

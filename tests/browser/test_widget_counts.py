"""The comment count on the embedding page keeps in step with the widget."""

import pytest
from playwright.sync_api import expect

from tests.browser import widget_pages
from tests.browser.conftest import wait_for_widget
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)
sized_page = widget_pages.sized_page


def test_count_on_the_page_follows_posts_and_deletes(live_server, sized_page):
    page = sized_page
    article = make_article(headline="Counted")
    post(article.thread, "The first.", name="Olu")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    # The article's byline carries its count (data-parley-count).
    count = page.locator(f".byline [data-parley-count='{article.thread.key}']")
    widget = page.locator("parley-comments")

    form = widget.locator("[data-ref=form-slot] form")
    form.get_by_label("Comment", exact=True).fill("The second.")
    form.get_by_label("Name").fill("Rosa")
    form.get_by_role("button", name="Post comment").click()
    expect(count).to_have_text("2 comments")
    expect(widget.locator(".discussion__title")).to_have_text("2 comments")

    mine = widget.locator("li.comment", has_text="The second.")
    mine.get_by_role("button", name="Delete").click()
    mine.get_by_role("button", name="Really delete?").click()
    expect(count).to_have_text("1 comment")
    expect(widget.locator(".discussion__title")).to_have_text("1 comment")

"""With JavaScript, "View all comments" loads the next page when the reader
asks, never the whole thread at once, with ways back to the top and the form."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parley.discussions.models import Comment, Thread
from tests.browser import widget_pages
from tests.browser.conftest import screenshot, wait_for_widget
from tests.browser.widget_pages import announced, focused, top_level
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)
sized_page = widget_pages.sized_page


def test_view_all_loads_one_page_at_a_time_with_ways_back(
    live_server, sized_page, request
):
    page = sized_page
    article = make_article(headline="A long discussion")
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            thread=article.thread,
            author_name=f"Reader {i}",
            body_markdown=f"Comment {i}",
            body_html=f"<p>Comment {i}</p>",
            created_at=now - timezone.timedelta(minutes=i),
        )
        for i in range(300)
    )
    Thread.objects.filter(pk=article.thread.pk).update(comment_count=300)
    pages = []
    page.on(
        "request",
        lambda r: (
            "/threads/" in r.url and "/comments?" in r.url and pages.append(r.url)
        ),
    )
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    widget = page.locator("parley-comments")
    expect(top_level(page)).to_have_count(20)
    expect(widget.locator(".more__shown")).to_have_text("Showing 20 of 300 comments")

    widget.get_by_role("button", name="View all comments").click()
    expect(top_level(page)).to_have_count(40)
    # Focus on the first comment of the new page; the live region says so.
    expect(top_level(page).nth(20).locator(":scope > article")).to_be_focused()
    expect(announced(page)).to_have_text(
        "20 more comments loaded. Showing 40 of 300 comments"
    )
    widget.get_by_role("button", name="Load more comments").click()
    expect(top_level(page)).to_have_count(60)
    expect(top_level(page).nth(40)).to_contain_text("Comment 40")
    expect(widget.locator(".more__shown")).to_have_text("Showing 60 of 300 comments")
    screenshot(page, f"widget-paging-{request.node.callspec.id}")
    # Three pages asked for, three pages fetched: none bigger than a page.
    assert len(pages) == 3
    assert not any("limit=" in url for url in pages)

    widget.get_by_role("button", name="Back to the top of the discussion").click()
    assert focused(page, "el => el.dataset.ref") == "title"
    widget.get_by_role("button", name="Write a comment").click()
    expect(
        widget.locator("[data-ref=form-slot]").get_by_label("Comment", exact=True)
    ).to_be_focused()

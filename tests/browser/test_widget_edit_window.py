"""The 15-minute edit window shows its time left, takes Edit and Delete away
when it ends, and a refusal is said beside its comment."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parley.discussions.models import Comment
from tests.browser import widget_pages
from tests.browser.conftest import screenshot, wait_for_widget
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)
sized_page = widget_pages.sized_page


def _post(widget, text):
    form = widget.locator("[data-ref=form-slot] form")
    form.get_by_label("Comment", exact=True).fill(text)
    form.get_by_label("Name").fill("Rosa")
    form.get_by_role("button", name="Post comment").click()
    item = widget.locator("li.comment", has_text=text)
    expect(item).to_have_count(1)
    return item.locator(":scope > article")


def test_edit_window_counts_down_and_closes(live_server, sized_page, request):
    page = sized_page
    page.clock.install()
    article = make_article(headline="Edit window")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    widget = page.locator("parley-comments")
    mine = _post(widget, "Written in haste.")

    left = mine.locator("[data-ref=edit-left]")
    expect(left).to_have_text("Editable for 15 more minutes")
    expect(mine.get_by_role("button", name="Edit")).to_be_visible()
    screenshot(page, f"widget-edit-window-{request.node.callspec.id}")
    page.clock.fast_forward("03:30")
    expect(left).to_have_text("Editable for 12 more minutes")
    page.clock.fast_forward("11:15")
    expect(left).to_have_text("Editable for less than a minute")
    page.clock.fast_forward("01:00")
    expect(mine.get_by_role("button", name="Edit")).to_have_count(0)
    expect(mine.get_by_role("button", name="Delete")).to_have_count(0)
    expect(left).to_be_hidden()


def test_a_refused_delete_is_said_beside_its_comment(live_server, sized_page):
    page = sized_page
    article = make_article(headline="Refused")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    widget = page.locator("parley-comments")
    mine = _post(widget, "Posted a while ago, as the server sees it.")
    # The server's clock has the window over; the reader's page does not know.
    Comment.objects.update(created_at=timezone.now() - timezone.timedelta(hours=1))

    mine.get_by_role("button", name="Delete").click()
    mine.get_by_role("button", name="Really delete?").click()
    error = mine.locator("[data-ref=error]")
    expect(error).to_contain_text("15 minutes")
    expect(error).to_have_attribute("role", "alert")
    expect(widget.locator("[data-ref=status]")).to_have_text("")
    # Refused because the window closed: the controls go too.
    expect(mine.get_by_role("button", name="Edit")).to_have_count(0)
    expect(mine.get_by_role("button", name="Really delete?")).to_have_count(0)

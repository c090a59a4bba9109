"""The "Supporter" badge in Chromium: in the widget and in the no-JS thread, and
a reader choosing it on their notifications page."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)


def _giver(django_user_model, **fields):
    return django_user_model.objects.create_user(
        "gail",
        first_name="Gail",
        email="gail@example.org",
        confirmed_email="gail@example.org",
        supported_at=timezone.now() - timedelta(days=2),
        **fields,
    )


def _widget_item(page, comment):
    """The widget's own rendering of a comment (not the server's fallback)."""
    return page.locator(f"parley-comments li.comment[data-id='{comment.pk}']")


def test_the_widget_and_the_no_js_thread_show_the_badge(
    live_server, page, browser, django_user_model
):
    giver = _giver(django_user_model, shows_supporter_badge=True)
    article = make_article(headline="Harbour ferries")
    supported = post(article.thread, "Glad to chip in.", user=giver)
    guest = post(article.thread, "Just passing by.", name="Guest", parent=supported)
    url = f"{live_server.url}{article.get_absolute_url()}"

    page.goto(url)
    badge = _widget_item(page, supported).locator(
        ":scope > article [data-ref=supporter-badge]"
    )
    expect(badge).to_be_visible()
    expect(badge).to_have_text("Supporter")
    expect(
        _widget_item(page, guest).locator("[data-ref=supporter-badge]")
    ).to_be_hidden()
    screenshot(page, "supporter-badge-widget")

    context = browser.new_context(java_script_enabled=False)
    try:
        no_js = context.new_page()
        no_js.goto(url)
        item = no_js.locator(f"#comment-{supported.pk}")
        expect(item.locator(":scope > article .badge--supporter")).to_have_text(
            "Supporter"
        )
        expect(no_js.locator(".badge--supporter")).to_have_count(1)
        screenshot(no_js, "supporter-badge-no-js")
    finally:
        context.close()


def test_a_reader_chooses_the_badge_and_their_comments_show_it(
    live_server, page, django_user_model
):
    giver = _giver(django_user_model)
    article = make_article(headline="Tram lines")
    mine = post(article.thread, "A line to the coast, please.", user=giver)
    client = Client()
    client.force_login(giver)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    article_url = f"{live_server.url}{article.get_absolute_url()}"
    page.goto(article_url)
    expect(_widget_item(page, mine)).to_have_count(1)
    expect(
        _widget_item(page, mine).locator("[data-ref=supporter-badge]")
    ).to_be_hidden()

    page.goto(f"{live_server.url}/notifications/")
    choice = page.get_by_label("Show a “Supporter” badge on my comments")
    expect(choice).not_to_be_checked()
    expect(page.locator("#supporter-badge-hint")).to_contain_text(
        "Thank you for your support"
    )
    choice.check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#supporter-badge-hint")).to_contain_text(
        "Your comments show it until"
    )
    expect(page.get_by_label("Show a “Supporter” badge on my comments")).to_be_checked()
    screenshot(page, "supporter-badge-setting")

    page.goto(article_url)
    expect(
        _widget_item(page, mine).locator("[data-ref=supporter-badge]")
    ).to_be_visible()

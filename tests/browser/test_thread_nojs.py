"""The discussion under an article without JavaScript, in Chromium at desktop
and phone sizes: a reader lands on their own comment after writing, Delete asks
first, replies read oldest first, and the pager goes both ways."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parley.discussions.models import Comment
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(params=list(VIEWPORTS))
def no_js(request, browser):
    """A page in a browser with JavaScript off, at desktop or phone size."""
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": height}
    )
    page = context.new_page()
    page.size_name = request.param
    yield page
    context.close()


def _seen(page, name: str) -> None:
    """Save what the reader sees now (the viewport, where they landed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{page.size_name}.png"))


def _roots(article, count: int) -> list[Comment]:
    """`count` top-level comments, "number 0" the oldest, a minute apart."""
    base = timezone.now() - timedelta(days=1)
    made = []
    for i in range(count):
        comment = post(article.thread, f"number {i}", name=f"Reader {i}")
        Comment.objects.filter(pk=comment.pk).update(
            created_at=base + timedelta(minutes=i)
        )
        made.append(comment)
    return made


def _shows(page, numbers) -> None:
    """Wait until the page shows these top-level comments, in this order."""
    bodies = page.locator("ol.comments > li.comment > article .comment__body")
    expect(bodies).to_have_text([f"number {n}" for n in numbers])


def test_a_reply_from_page_three_lands_on_it_with_the_news(live_server, no_js):
    article = make_article(headline="Night trains return")
    roots = _roots(article, 50)
    page = no_js
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.get_by_role("link", name="View all comments").click()
    page.get_by_role("link", name="Older comments").click()
    expect(page.locator(f"#comment-{roots[5].pk}")).to_be_visible()
    parent = page.locator(f"#comment-{roots[5].pk}")
    parent.get_by_role("link", name="Reply").click()
    expect(page.locator(".comment-form__title")).to_contain_text("Reply to Reader 5")
    page.get_by_label("Comment", exact=True).fill("Answering from page three.")
    page.get_by_label("Name").fill("Ria")
    page.get_by_label("Keep my details").check()
    page.get_by_role("button", name="Post comment").click()

    reply = Comment.objects.get(body_markdown="Answering from page three.")
    expect(page).to_have_url(re.compile(rf"cursor=.*#comment-{reply.pk}$"))
    mine = page.locator(f"#comment-{reply.pk}")
    expect(mine).to_be_visible()
    expect(mine).to_be_in_viewport()
    expect(mine.locator(".comment__notices")).to_have_text("Comment posted.")
    expect(parent.locator(".comment__body").first).to_have_text("number 5")
    _seen(page, "thread-nojs-reply-page-three")
    # The name is kept for the next comment, as the reader asked.
    expect(page.get_by_label("Name")).to_have_value("Ria")


def test_delete_asks_first_and_cancel_keeps_the_comment(live_server, no_js):
    article = make_article(headline="Second thoughts")
    post(article.thread, "Someone else's.", name="Other")
    page = no_js
    url = f"{live_server.url}{article.get_absolute_url()}"
    page.goto(url)
    page.get_by_label("Comment", exact=True).fill("I may take this back.")
    page.get_by_label("Name").fill("Del")
    page.get_by_role("button", name="Post comment").click()
    mine = Comment.objects.get(body_markdown="I may take this back.")
    item = page.locator(f"#comment-{mine.pk}")
    expect(item.locator(".comment__window")).to_contain_text("left to edit")

    item.get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete your comment?")).to_be_visible()
    _seen(page, "thread-nojs-delete-confirm")
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(re.compile(rf"#comment-{mine.pk}$"))
    expect(page.locator(f"#comment-{mine.pk}")).to_be_visible()
    assert Comment.objects.get(pk=mine.pk).is_published

    page.locator(f"#comment-{mine.pk}").get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete comment").click()
    expect(page.locator(".discussion__notices")).to_have_text("Comment deleted.")
    expect(page.locator(".discussion__notices")).to_be_in_viewport()
    expect(page.get_by_text("I may take this back.")).to_have_count(0)
    _seen(page, "thread-nojs-deleted")


def test_replies_read_oldest_first_under_any_sort(live_server, no_js, settings):
    settings.PARLEY_MAX_DISPLAY_DEPTH = 2
    article = make_article(headline="Conversations")
    root = post(article.thread, "The first word.", name="Root")
    one = post(article.thread, "Reply 1", name="One", parent=root)
    two = post(article.thread, "Reply 2", name="Two", parent=one)
    post(article.thread, "Reply 3", name="Three", parent=two)
    post(article.thread, "Reply 4", name="Four", parent=one)
    page = no_js
    for sort in ("newest", "votes", "oldest"):
        page.goto(f"{live_server.url}{article.get_absolute_url()}?sort={sort}")
        replies = page.locator(f"#comment-{root.pk} .comments--replies .comment__body")
        expect(replies).to_have_text(
            ["Reply 1", "@One Reply 2", "@Two Reply 3", "@One Reply 4"]
        )
    screenshot(page, f"thread-nojs-replies-oldest-first-{page.size_name}")


def test_the_pager_goes_older_and_newer_and_back_to_the_form(live_server, no_js):
    article = make_article(headline="A busy thread")
    _roots(article, 45)
    page = no_js
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    _shows(page, range(44, 24, -1))
    expect(page.get_by_role("link", name="Newer comments")).to_have_count(0)
    page.get_by_role("link", name="View all comments").click()
    _shows(page, range(24, 4, -1))
    page.get_by_role("link", name="Older comments").click()
    _shows(page, [4, 3, 2, 1, 0])
    expect(page.get_by_role("link", name="Older comments")).to_have_count(0)
    pager = page.get_by_role("navigation", name="Comment pages")
    pager.scroll_into_view_if_needed()
    _seen(page, "thread-nojs-pager-last")
    pager.get_by_role("link", name="Newer comments").click()
    _shows(page, range(24, 4, -1))
    page.get_by_role("link", name="Newer comments").click()
    _shows(page, range(44, 24, -1))
    assert "cursor" not in page.url
    page.get_by_role("link", name="Leave a comment").first.click()
    expect(page).to_have_url(re.compile("#comment-form$"))
    expect(page.locator("#comment-form")).to_be_in_viewport()

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parley.discussions.models import Comment
from tests.browser.conftest import WIDGET_LOADED, screenshot, wait_for_widget
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)


def _top_level(page):
    return page.locator("parley-comments > ol.comments > li.comment")


def test_reader_comments_replies_votes_sorts_and_edits(live_server, page):
    article = make_article(headline="Night trains return")
    older = post(article.thread, "An older, well-liked comment.", name="Olu")
    Comment.objects.filter(pk=older.pk).update(score=5, upvotes=5)

    page.add_init_script(WIDGET_LOADED)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    widget = page.locator("parley-comments")
    expect(widget.locator(".discussion__title")).to_have_text("1 comment")

    # Both validation errors, word for word.
    widget.get_by_role("button", name="Post comment").first.click()
    expect(widget.locator("[data-error=body]").first).to_have_text(
        "Please enter your comment!"
    )
    expect(widget.locator("[data-error=name]").first).to_have_text(
        "Please enter your name here"
    )
    screenshot(page, "article-validation-errors")

    form = widget.locator("form.comment-form").first
    form.get_by_label("Comment", exact=True).fill(
        "Finally! I took the *old* sleeper in 2008."
    )
    form.get_by_label("Name").fill("Rosa")
    form.get_by_role("button", name="Post comment").click()
    mine = widget.locator("li.comment", has_text="I took the old sleeper")
    expect(mine).to_have_count(1)
    expect(mine.locator("em")).to_have_text("old")
    expect(widget.locator(".discussion__title")).to_have_text("2 comments")

    # Reply to it.
    mine.get_by_role("button", name="Reply").first.click()
    reply_form = mine.locator("form.comment-form")
    reply_form.get_by_label("Comment", exact=True).fill("Same here, it was wonderful.")
    reply_form.get_by_role("button", name="Post comment").click()  # name remembered
    reply = mine.locator(".comments--replies li.comment", has_text="Same here")
    expect(reply).to_have_count(1)
    expect(reply.locator(".comment__author")).to_have_text("Rosa")

    # Vote it up, then take the vote back.
    up = mine.locator(":scope > article [data-vote='1']")
    up.click()
    expect(mine.locator(":scope > article .votes__score")).to_have_text("1")
    expect(up).to_have_attribute("aria-pressed", "true")

    # Most Voted puts Olu's comment (score 5) first.
    widget.get_by_role("button", name="Most Voted").click()
    expect(widget.get_by_role("button", name="Most Voted")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(_top_level(page).first).to_contain_text("An older, well-liked comment.")
    expect(
        _top_level(page).nth(1).locator(":scope > article .votes__score")
    ).to_have_text("1")

    # Edit within the window: the text comes back as Markdown and saves.
    mine = widget.locator("li.comment", has_text="I took the old sleeper")
    mine.locator(":scope > article").get_by_role("button", name="Edit").click()
    editor = mine.get_by_label("Edit your comment")
    expect(editor).to_have_value("Finally! I took the *old* sleeper in 2008.")
    editor.fill("Finally! I took the **old** sleeper in 2009.")
    mine.get_by_role("button", name="Save").click()
    expect(mine.locator(":scope > article strong")).to_have_text("old")
    expect(mine.locator(":scope > article .comment__edited")).to_be_visible()
    screenshot(page, "article-discussion")

    stored = Comment.objects.get(body_markdown__contains="2009")
    assert stored.edited_at is not None and stored.edited_at <= timezone.now()
    assert stored.score == 1


def test_view_all_then_load_more_on_a_thousand_comment_thread(live_server, page):
    article = make_article(headline="Busy thread")
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            thread=article.thread,
            author_name=f"Reader {i}",
            body_markdown=f"Comment {i}",
            body_html=f"<p>Comment {i}</p>",
            created_at=now - timezone.timedelta(minutes=i),
        )
        for i in range(1050)
    )
    type(article.thread).objects.filter(pk=article.thread.pk).update(comment_count=1050)

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator(".discussion__title")).to_have_text("1,050 comments")
    expect(_top_level(page)).to_have_count(20)
    # A page at a time, as the reader asks: never the whole thread at once.
    page.get_by_role("button", name="View all comments").click()
    expect(_top_level(page)).to_have_count(40)
    expect(_top_level(page).nth(39)).to_contain_text("Comment 39")
    page.get_by_role("button", name="Load more comments").click()
    expect(_top_level(page)).to_have_count(60)
    expect(page.locator(".more__shown")).to_have_text("Showing 60 of 1,050 comments")


def test_empty_thread_invites_and_page_works_without_javascript(live_server, browser):
    article = make_article(headline="Quiet story")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(
        page.get_by_text("Would love your thoughts, please comment.")
    ).to_be_visible()
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Please enter your comment!")).to_be_visible()
    expect(page.get_by_text("Please enter your name here")).to_be_visible()
    page.get_by_label("Comment", exact=True).fill("Posted without JavaScript.")
    page.get_by_label("Name").fill("Nico")
    page.get_by_role("button", name="Post comment").click()
    expect(
        page.locator("li.comment", has_text="Posted without JavaScript.")
    ).to_be_visible()
    screenshot(page, "article-no-javascript")
    context.close()

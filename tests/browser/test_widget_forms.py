"""An open form survives whatever the thread does around it, and looks the
same with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from parley.discussions.models import Comment
from tests.browser import widget_pages
from tests.browser.conftest import screenshot, wait_for_widget
from tests.browser.widget_pages import top_level
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)
sized_page = widget_pages.sized_page

MARK = "el => { el.dataset.kept = 'yes'; return true; }"


def _caret(page):
    return page.evaluate(
        "() => [document.activeElement.name, document.activeElement.selectionStart,"
        " document.activeElement.closest('form').dataset.kept || '']"
    )


def test_sort_load_more_and_live_updates_never_touch_an_open_form(
    live_server, sized_page, request
):
    page = sized_page
    article = make_article(headline="Open forms")
    for i in range(25):
        post(article.thread, f"Comment number {i}.", name=f"Reader {i}")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    widget = page.locator("parley-comments")

    # A new comment half written, every field filled.
    form = widget.locator("[data-ref=form-slot] form")
    form.get_by_label("Comment", exact=True).fill("My draft about the open forms")
    form.get_by_label("Name").fill("Dana")
    form.get_by_label("E-mail (optional, never shown)").fill("dana@example.org")
    form.get_by_label("Website (optional)").fill("https://dana.example")
    form.evaluate(MARK)
    # A reply half written.
    target = top_level(page).first
    target.get_by_role("button", name="Reply").click()
    reply = target.locator("form[data-kind=reply]")
    reply.get_by_label("Comment", exact=True).fill("A reply being written")
    reply.get_by_label("Name").fill("Dana")
    reply.evaluate(MARK)
    textarea = reply.get_by_label("Comment", exact=True)
    textarea.evaluate("el => { el.focus(); el.setSelectionRange(7, 7); }")
    target_id = target.get_attribute("id")

    # A live reload of the view (what the stream's `reload` asks for) while
    # the caret is in the reply: text, focus and caret stay.
    page.evaluate("() => document.querySelector('parley-comments').load()")
    expect(page.locator(f"#{target_id} form[data-kind=reply]")).to_have_count(1)
    assert _caret(page) == ["body", 7, "yes"]

    # A new comment from someone else, through the live stream.
    post(article.thread, "Somebody else says hello.", name="Other")
    expect(widget.locator(".live-new button")).to_have_text("1 new comment — show")
    assert _caret(page) == ["body", 7, "yes"]

    # Sorting and loading more.
    widget.get_by_role("button", name="Oldest").click()
    expect(widget.get_by_role("button", name="Oldest")).to_have_attribute(
        "aria-pressed", "true"
    )
    widget.get_by_role("button", name="View all comments").click()
    expect(top_level(page)).to_have_count(26)
    widget.get_by_role("button", name="Newest").click()
    expect(widget.get_by_role("button", name="Newest")).to_have_attribute(
        "aria-pressed", "true"
    )

    # The very same forms, with every word.
    form = widget.locator("[data-ref=form-slot] form")
    expect(form).to_have_attribute("data-kept", "yes")
    expect(form.get_by_label("Comment", exact=True)).to_have_value(
        "My draft about the open forms"
    )
    expect(form.get_by_label("Name")).to_have_value("Dana")
    expect(form.get_by_label("E-mail (optional, never shown)")).to_have_value(
        "dana@example.org"
    )
    expect(form.get_by_label("Website (optional)")).to_have_value(
        "https://dana.example"
    )
    reply = page.locator(f"#{target_id} form[data-kind=reply]")
    expect(reply).to_have_attribute("data-kept", "yes")
    expect(reply.get_by_label("Comment", exact=True)).to_have_value(
        "A reply being written"
    )
    expect(reply.get_by_label("Name")).to_have_value("Dana")
    screenshot(page, f"widget-forms-kept-{request.node.callspec.id}")

    # And the reply still posts where it belongs.
    reply.get_by_role("button", name="Post comment").click()
    expect(page.locator(f"#{target_id} .comments--replies li.comment")).to_contain_text(
        "A reply being written"
    )
    assert Comment.objects.filter(body_markdown="A reply being written").count() == 1


def _form_words(page):
    """What a reader sees of the new-comment form: its labels, hints, legend
    and buttons, in order."""
    return page.locator(
        "parley-comments form.comment-form >> "
        ":is(h3, label, .hint, legend, button[type=submit], .comment-form__guidelines)"
    ).evaluate_all(
        "nodes => nodes"
        ".filter(n => n.offsetParent !== null && !n.closest('.field--trap'))"
        ".map(n => n.textContent.replace(/\\s+/g, ' ').trim())"
    )


def test_form_and_dates_read_the_same_with_and_without_javascript(
    live_server, browser, sized_page
):
    article = make_article(headline="Same form")
    post(article.thread, "A comment with a date.", name="Ana")
    url = f"{live_server.url}{article.get_absolute_url()}"

    plain = browser.new_context(java_script_enabled=False)
    server = plain.new_page()
    server.goto(url)
    server_words = _form_words(server)
    server_date = server.locator("li.comment time").first.text_content()
    plain.close()

    page = sized_page
    page.goto(url)
    wait_for_widget(page)
    assert any(word.startswith("Markdown:") for word in server_words)
    assert _form_words(page) == server_words
    expect(page.locator("li.comment time").first).to_have_text(server_date)

"""Live updates in Chromium: two readers on one article, and the count on a
page that embeds a discussion."""

import pytest
from playwright.sync_api import expect

from parley.discussions import actions
from parley.discussions.models import Comment
from tests.browser.conftest import screenshot
from tests.browser.test_embed import HOST_PAGE
from tests.factories import make_article, make_thread, post

pytestmark = pytest.mark.django_db(transaction=True)
STREAM_OPEN = (
    "() => document.querySelector('parley-comments').live?.source?.readyState === 1"
)


def _post_from(widget, body: str, name: str) -> None:
    form = widget.locator("form.comment-form").first
    form.get_by_label("Comment", exact=True).fill(body)
    form.get_by_label("Name").fill(name)
    form.get_by_role("button", name="Post comment").click()


def test_a_reader_sees_another_readers_comment_arrive(live_server, browser):
    """One reader posts; the other is told "1 new comment — show" without the
    thread moving, and sees the comment after activating it. Edits and votes
    apply in place; the poster is never told of their own comment."""
    article = make_article(headline="Night trains return")
    older = post(article.thread, "An older comment.", name="Olu")
    url = f"{live_server.url}{article.get_absolute_url()}"
    readers = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.goto(url)
        widget = page.locator("parley-comments")
        expect(widget.locator(".discussion__title")).to_have_text("1 comment")
        readers.append((context, page, widget, errors))
    (_, writer_page, writer, writer_errors) = readers[0]
    (_, reader_page, reader, reader_errors) = readers[1]
    # Both streams are open (the first page, then `ready`).
    for page in (writer_page, reader_page):
        page.wait_for_function(STREAM_OPEN)

    _post_from(writer, "Booked the sleeper for June.", "Rosa")
    expect(writer.locator("li.comment", has_text="Booked the sleeper")).to_have_count(1)

    button = reader.get_by_role("button", name="1 new comment — show")
    expect(button).to_be_visible(timeout=5000)
    expect(reader.locator(".live-new")).to_have_attribute("aria-live", "polite")
    expect(reader.locator("li.comment", has_text="Booked the sleeper")).to_have_count(0)
    expect(reader.locator(".discussion__title")).to_have_text("2 comments")
    screenshot(reader_page, "live-one-new-comment")
    button.focus()
    reader_page.keyboard.press("Enter")
    arrived = reader.locator("li.comment", has_text="Booked the sleeper")
    expect(arrived).to_have_count(1)
    expect(button).to_be_hidden()
    expect(arrived.locator(":scope > article")).to_be_focused()

    # The poster's own comment was never "new" to them.
    expect(writer.locator(".live-new button")).to_be_hidden()
    expect(writer.locator(".discussion__title")).to_have_text("2 comments")

    # A vote and an edit elsewhere apply in place; two more comments are counted.
    actions.cast_vote(older, voter="v:1", value=1)
    older_item = reader.locator("li.comment", has_text="An older comment")
    expect(older_item.locator(":scope > article .votes__score")).to_have_text("1")
    actions.edit_comment(older, body="An older comment, edited.")
    expect(older_item.locator(".comment__body")).to_have_text(
        "An older comment, edited."
    )
    post(article.thread, "Third words.", name="Ines")
    post(article.thread, "Fourth words.", name="Jo")
    expect(reader.get_by_role("button", name="2 new comments — show")).to_be_visible()
    screenshot(reader_page, "live-two-new-comments")
    for context, _page, _widget, _errors in readers:
        context.close()
    assert not writer_errors and not reader_errors


def test_the_count_on_an_embedding_page_follows_the_discussion(
    live_server, page, other_origin, settings
):
    """The page's own counter moves when the reader posts, and when someone
    else does while the widget's stream is open."""
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    thread = make_thread("blog:coast-walk")
    post(thread, "First!", name="Ann")
    host = HOST_PAGE.format(server=live_server.url).replace(
        "<h1>", '<p><a href="#c" data-parley-count="blog:coast-walk">…</a></p><h1>'
    )
    (folder / "post.html").write_text(host)
    page.goto(f"{origin}/post.html")
    counter = page.locator("[data-parley-count]")
    expect(counter).to_have_text("1 comment")
    widget = page.locator("parley-comments")
    page.wait_for_function(STREAM_OPEN)
    _post_from(widget, "Walked it last spring.", "Gwen")
    expect(counter).to_have_text("2 comments")
    post(thread, "And again in autumn.", name="Hal")
    expect(counter).to_have_text("3 comments")
    expect(widget.get_by_role("button", name="1 new comment — show")).to_be_visible()


# Where a comment is in the viewport, and where the list's top is.
Y_OF = "(el) => el.getBoundingClientRect().top"
LIST_TOP = (
    "() => document.querySelector('parley-comments ol.comments')"
    ".getBoundingClientRect().top"
)


@pytest.mark.parametrize("where", ["list-top-in-view", "deep-in-list", "below"])
def test_the_new_comments_bar_never_moves_what_the_reader_sees(
    live_server, browser, where
):
    """The bar appears (and goes) without moving what is on screen: whether the
    top of the list is in view, the reader is further down the list (the
    browser's scroll anchoring), or the discussion is still below the fold."""
    article = make_article(headline="Night trains return", body="Words.\n\n" * 40)
    for number in range(12):
        post(article.thread, f"Comment number {number}.\n\nMore.", name=f"R{number}")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    widget = page.locator("parley-comments")
    expect(widget.locator(".discussion__title")).to_have_text("12 comments")
    page.wait_for_function(STREAM_OPEN)
    items = widget.locator("ol.comments > li.comment")
    if where == "list-top-in-view":
        # The top of the list halfway down the screen, as a reader scrolling.
        page.evaluate(f"() => window.scrollBy(0, ({LIST_TOP})() - 395)")
        watched = items.first
    elif where == "deep-in-list":
        items.nth(6).evaluate("(el) => el.scrollIntoView({block: 'center'})")
        watched = items.nth(6)
    else:
        page.evaluate("() => window.scrollTo(0, 0)")
        assert page.evaluate(LIST_TOP) > 800
        watched = page.locator(".article__body > p").first
    page.wait_for_timeout(100)
    scroll_before = page.evaluate("() => window.scrollY")
    y_before = watched.evaluate(Y_OF)
    assert -5 < y_before < 800

    post(article.thread, "Booked the sleeper for June.", name="Rosa")
    button = widget.get_by_role("button", name="1 new comment — show")
    expect(button).to_be_visible(timeout=5000)
    page.wait_for_timeout(100)  # anything that would move things has run
    assert abs(watched.evaluate(Y_OF) - y_before) <= 1
    if where == "below":
        assert page.evaluate("() => window.scrollY") == scroll_before
    if where == "list-top-in-view":
        # The bar itself is on screen, above the list.
        bar = widget.locator(".live-new").evaluate(
            "(el) => el.getBoundingClientRect().bottom"
        )
        assert 0 < bar <= y_before + 1
    screenshot(page, f"live-bar-{where}")

    # The comment is deleted before the reader shows it: the bar goes, and
    # still nothing moves.
    actions.delete_comment(
        Comment.objects.get(body_markdown="Booked the sleeper for June.")
    )
    expect(button).to_be_hidden(timeout=5000)
    page.wait_for_timeout(100)
    assert abs(watched.evaluate(Y_OF) - y_before) <= 1
    context.close()
    assert not errors

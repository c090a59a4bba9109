"""Inline feedback in Chromium: a reader comments on a passage, its marker
shows and survives edits elsewhere; a deleted passage's feedback is kept, as
on an earlier version of the article."""

import pytest
from playwright.sync_api import expect

from parley.discussions.actions import CommentAuthor, post_comment
from parley.discussions.anchors import TextQuote
from parley.discussions.models import Comment
from parley.newsroom.actions import save_article
from tests.browser.conftest import screenshot
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)
BODY = (
    "Night trains are back. The first leaves at nine.\n\n"
    "Critics say the fares are too high. Fans say the fares are fair.\n\n"
    "The ministry will review the fares next year."
)
EARLIER = "on an earlier version of this article"

SELECT = """([paragraph, exact]) => {
  const p = document.querySelectorAll(".article__body > p")[paragraph];
  const node = [...p.childNodes].find((n) => n.data && n.data.includes(exact));
  const start = node.data.indexOf(exact);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + exact.length);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""


def _select(page, paragraph: int, exact: str) -> None:
    """Select the text as a reader would (the page listens to selectionchange)."""
    page.evaluate(SELECT, [paragraph, exact])


def test_feedback_on_a_passage_shows_its_marker_and_survives_an_edit(live_server, page):
    article = make_article(headline="Night trains", body=BODY)
    url = f"{live_server.url}{article.get_absolute_url()}"
    page.goto(url)
    widget = page.locator("parley-comments")
    expect(widget.locator(".discussion__title")).to_have_text("0 comments")

    # The second "the fares", in the second paragraph.
    _select(page, 1, "Fans say the fares are fair.")
    action = page.get_by_role("button", name="Comment on this passage")
    expect(action).to_be_visible()
    action.click()
    form = widget.locator("form.comment-form").first
    expect(form.locator(".comment-form__title")).to_have_text("Comment on this passage")
    expect(form.locator(".comment-form__quote")).to_have_text(
        "Fans say the fares are fair."
    )
    expect(form.get_by_label("Comment", exact=True)).to_be_focused()
    form.get_by_label("Comment", exact=True).fill("Fair for whom?")
    form.get_by_label("Name").fill("Rosa")
    form.get_by_role("button", name="Post comment").click()

    mine = widget.locator("li.comment", has_text="Fair for whom?")
    expect(mine.locator(".comment__quote p")).to_have_text(
        "Fans say the fares are fair."
    )
    marker = page.get_by_role("link", name="1 comment on this passage")
    expect(marker).to_have_text("1")
    comment = Comment.objects.get(body_markdown="Fair for whom?")
    assert comment.quote_exact == "Fans say the fares are fair."
    assert comment.quote_suffix == " The ministry will review the fa"
    screenshot(page, "inline-feedback-posted")

    # The page as the server renders it marks the passage too, after an edit
    # to another paragraph.
    article.body = BODY.replace(
        "Night trains are back.", "After twenty years, night trains are back."
    )
    save_article(article)
    page.goto(url)
    marker = page.get_by_role("link", name="1 comment on this passage")
    expect(marker).to_have_text("1")
    expect(page.locator("mark.passage")).to_have_text("Fans say the fares are fair.")
    expect(widget.locator(".comment__quote-stale")).to_be_hidden()

    # Activating the marker opens the passage's feedback in the widget.
    marker.click()
    expect(widget.locator(".feedback-view__title")).to_have_text(
        "Comments on this passage"
    )
    expect(widget.locator(".feedback-view__title")).to_be_focused()
    expect(widget.locator(".feedback-view__quote")).to_have_text(
        "Fans say the fares are fair."
    )
    expect(widget.locator("ol.comments > li.comment")).to_have_count(1)

    # A second comment from the passage's form counts at the same marker.
    form = widget.locator("form.comment-form").first
    form.get_by_label("Comment", exact=True).fill("Fair enough.")
    form.get_by_label("Name").fill("Tom")
    form.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("link", name="2 comments on this passage")).to_have_text(
        "2"
    )
    screenshot(page, "inline-feedback-passage")

    # The Inline Feedbacks view lists both, with their quote; Newest, all.
    post_comment(article.thread, author=CommentAuthor(name="Al"), body="Whole page.")
    page.goto(url)
    widget.get_by_role("button", name="Inline Feedbacks").click()
    expect(widget.get_by_role("button", name="Inline Feedbacks")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(widget.locator("ol.comments > li.comment")).to_have_count(2)
    expect(widget.locator("li.comment .comment__quote p")).to_have_text(
        ["Fans say the fares are fair."] * 2
    )
    widget.get_by_role("button", name="Newest").click()
    expect(widget.locator("ol.comments > li.comment")).to_have_count(3)


def test_a_deleted_passage_shows_as_on_an_earlier_version(live_server, page):
    article = make_article(headline="Night trains", body=BODY)
    post_comment(
        article.thread,
        author=CommentAuthor(name="Ana"),
        body="Too high?",
        quote=TextQuote("Critics say the fares are too high."),
    )
    article.body = BODY.replace("Critics say the fares are too high. ", "")
    save_article(article)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    widget = page.locator("parley-comments")
    item = widget.locator("li.comment", has_text="Too high?")
    expect(item.locator(".comment__quote p")).to_have_text(
        "Critics say the fares are too high."
    )
    expect(item.locator(".comment__quote-stale")).to_have_text(EARLIER)
    expect(page.locator(".passage-marker")).to_have_count(0)
    widget.get_by_role("button", name="Inline Feedbacks").click()
    expect(widget.locator("li.comment .comment__quote-stale")).to_have_text([EARLIER])
    screenshot(page, "inline-feedback-earlier-version")


def test_the_keyboard_reaches_the_passage_control_and_the_markers(live_server, page):
    article = make_article(headline="Night trains", body=BODY)
    post_comment(
        article.thread,
        author=CommentAuthor(name="Ana"),
        body="Nine is late.",
        quote=TextQuote("The first leaves at nine."),
    )
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    widget = page.locator("parley-comments")
    expect(widget.locator(".discussion__title")).to_have_text("1 comment")

    # A selection made with the keyboard (Shift+arrows in caret browsing) is
    # followed, in focus order, by the control.
    first = page.locator(".article__body > p").nth(2)
    first.click(position={"x": 2, "y": 5})
    _select(page, 2, "The ministry will review")
    action = page.get_by_role("button", name="Comment on this passage")
    expect(action).to_be_visible()  # selectionchange is a task of its own
    page.keyboard.press("Tab")
    expect(action).to_be_focused()
    page.keyboard.press("Enter")
    form = widget.locator("form.comment-form").first
    expect(form.get_by_label("Comment", exact=True)).to_be_focused()
    expect(form.locator(".comment-form__quote")).to_have_text(
        "The ministry will review"
    )

    # The marker is a link the keyboard reaches and opens.
    marker = page.get_by_role("link", name="1 comment on this passage")
    marker.focus()
    page.keyboard.press("Enter")
    expect(widget.locator(".feedback-view__title")).to_be_focused()
    expect(widget.locator("ol.comments > li.comment")).to_have_count(1)


HOST_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>A post elsewhere</title></head><body>
<h1>A post elsewhere</h1><p>Its own text, which Parley doesn't hold.</p>
<script src="{server}/static/parley/embed.js" data-parley-thread="{key}"
        async></script>
</body></html>"""


def test_elsewhere_the_widget_adds_nothing_but_shows_quotes(
    live_server, page, other_origin, settings
):
    """An article's discussion embedded on a page elsewhere: no article body
    there, so no tab, no control, no "earlier version"; quotes shown as text."""
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    article = make_article(body="Use <b>bold</b> with care.\n\nThe end.")
    post_comment(
        article.thread,
        author=CommentAuthor(name="Ana"),
        body="Quoting it.",
        quote=TextQuote("Use <b>bold</b> with care."),
    )
    (folder / "post.html").write_text(
        HOST_PAGE.format(server=live_server.url, key=article.thread_key)
    )
    page.goto(f"{origin}/post.html")
    widget = page.locator("parley-comments")
    item = widget.locator("li.comment", has_text="Quoting it.")
    expect(item.locator(".comment__quote p")).to_have_text("Use <b>bold</b> with care.")
    expect(item.locator(".comment__quote-stale")).to_be_hidden()
    expect(widget.get_by_role("button", name="Inline Feedbacks")).to_have_count(0)
    page.evaluate(
        """() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector("body > p"));
          getSelection().addRange(range);
        }"""
    )
    expect(page.get_by_role("button", name="Comment on this passage")).to_have_count(0)


def test_a_selection_is_quoted_in_whole_words(live_server, page):
    """A drag that starts and ends inside words quotes those words whole, and
    the passage's marker goes after the last word, never inside it."""
    article = make_article(
        headline="Fares",
        body="Fares have doubled since May.\n\nLes billets ont doublé à Zürich.",
    )
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    widget = page.locator("parley-comments")
    expect(widget.locator(".discussion__title")).to_have_text("0 comments")
    action = page.get_by_role("button", name="Comment on this passage")
    form = widget.locator("form.comment-form").first

    # Accented words are words too: "illets ont doub" is "billets ont doublé".
    _select(page, 1, "illets ont doub")
    expect(action).to_be_visible()
    action.click()
    expect(form.locator(".comment-form__quote")).to_have_text("billets ont doublé")
    form.get_by_role("button", name="Whole article").click()

    _select(page, 0, "ares have dou")
    expect(action).to_be_visible()
    action.click()
    form = widget.locator("form.comment-form").first
    expect(form.locator(".comment-form__quote")).to_have_text("Fares have doubled")
    form.get_by_label("Comment", exact=True).fill("Doubled, really?")
    form.get_by_label("Name").fill("Rosa")
    form.get_by_role("button", name="Post comment").click()
    mine = widget.locator("li.comment", has_text="Doubled, really?")
    expect(mine.locator(".comment__quote p")).to_have_text("Fares have doubled")
    comment = Comment.objects.get(body_markdown="Doubled, really?")
    assert comment.quote_exact == "Fares have doubled"
    assert comment.quote_prefix == ""
    assert comment.quote_suffix.startswith(" since May.")

    # The marker sits after "doubled", not inside it.
    expect(page.get_by_role("link", name="1 comment on this passage")).to_have_text("1")
    before = page.evaluate(
        """() => {
          const marker = document.querySelector(".article__body .passage-markers");
          const range = document.createRange();
          range.setStart(marker.closest("p"), 0);
          range.setEndBefore(marker);
          return [range.toString(), marker.nextSibling?.textContent ?? ""];
        }"""
    )
    assert before == ["Fares have doubled", " since May."]
    screenshot(page, "inline-feedback-whole-words")


SLOW_WHOLE_ARTICLE = """() => {
  const fetchNow = window.fetch.bind(window);
  window.fetch = async (url, options) => {
    const asked = String(url);
    const whole = asked.includes("/comments") && !asked.includes("feedback=");
    const wait = window.slowWholeArticle && whole ? 1500 : 0;
    if (wait) await new Promise((done) => setTimeout(done, wait));
    return fetchNow(url, options);
  };
}"""


def test_a_late_page_of_an_earlier_view_never_empties_the_form(live_server, page):
    """A reader who leaves a passage and picks another before the whole
    article's page arrives writes on: that late page is not shown over the form,
    and a new sort keeps what is written."""
    article = make_article(headline="Fares", body=BODY)
    page.add_init_script(SLOW_WHOLE_ARTICLE)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    widget = page.locator("parley-comments")
    expect(widget.locator(".discussion__title")).to_have_text("0 comments")
    action = page.get_by_role("button", name="Comment on this passage")

    _select(page, 0, "Night trains are back.")
    action.click()
    form = widget.locator("form.comment-form").first
    expect(form.locator(".comment-form__quote")).to_have_text("Night trains are back.")
    page.evaluate("() => { window.slowWholeArticle = true; }")
    form.get_by_role("button", name="Whole article").click()
    _select(page, 0, "The first leaves at nine.")
    action.click()
    quote = form.locator(".comment-form__quote")
    expect(quote).to_have_text("The first leaves at nine.")
    form.get_by_label("Comment", exact=True).fill("Which review?")
    page.wait_for_timeout(2000)  # the whole article's page has arrived by now
    expect(quote).to_have_text("The first leaves at nine.")
    expect(form.get_by_label("Comment", exact=True)).to_have_value("Which review?")

    # Back to all comments, sorted anew: the draft comes along.
    page.evaluate("() => { window.slowWholeArticle = false; }")
    form.get_by_role("button", name="Whole article").click()
    expect(form.locator(".comment-form__quote")).to_have_count(0)
    expect(form.get_by_label("Comment", exact=True)).to_have_value("Which review?")

import json

import pytest
from playwright.sync_api import expect

from parley.discussions.models import Comment, Thread, Vote
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

HOST_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>A blog post elsewhere</title>
<style>
  body {{ font-family: "Courier New", monospace; max-width: 40rem; margin: 2rem auto; }}
</style>
</head><body>
<h1>My walk along the coast line</h1>
<p>Some text from another site that embeds the discussion.</p>
<script src="{server}/static/parley/embed.js"
        data-parley-thread="blog:coast-walk" async></script>
</body></html>"""


def test_widget_on_a_page_from_another_origin(
    live_server, page, other_origin, settings
):
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    (folder / "post.html").write_text(HOST_PAGE.format(server=live_server.url))

    page.goto(f"{origin}/post.html")
    widget = page.locator("parley-comments")
    expect(widget.locator(".discussion__invite")).to_have_text(
        "Would love your thoughts, please comment."
    )
    expect(widget.get_by_role("button", name="Cancel")).to_have_count(
        0
    )  # hidden on the main form
    font = widget.evaluate("element => getComputedStyle(element).fontFamily")
    assert "Courier New" in font

    widget.get_by_role("button", name="Post comment").click()
    expect(widget.locator("[data-error=body]")).to_have_text(
        "Please enter your comment!"
    )
    expect(widget.locator("[data-error=name]")).to_have_text(
        "Please enter your name here"
    )

    widget.get_by_label("Comment", exact=True).fill(
        "Walked it last spring. Bring boots."
    )
    widget.get_by_label("Name").fill("Gwen")
    widget.get_by_label("E-mail (optional, never shown)").fill("gwen@example.org")
    # Kept for the next visit only when asked, as the server's form does.
    widget.get_by_label("Keep my details in this browser").check()
    widget.get_by_role("button", name="Post comment").click()
    first = widget.locator("li.comment", has_text="Walked it last spring")
    expect(first).to_have_count(1)
    # Any script of the embedding site can read its storage: no e-mail there,
    # and edit tokens carry the end of their window.
    stored = page.evaluate("() => ({...localStorage})")
    assert "gwen@example.org" not in str(stored)
    entries = {key.rsplit(":", 1)[1]: json.loads(v) for key, v in stored.items()}
    assert entries["guest"] == {"name": "Gwen"}
    assert all(edit["until"] > 0 for edit in entries["edit"].values())

    first.get_by_role("button", name="Reply").click()
    first.locator("form").get_by_label("Comment", exact=True).fill(
        "Which season is best?"
    )
    first.locator("form").get_by_role("button", name="Post comment").click()
    expect(first.locator(".comments--replies li.comment")).to_have_count(1)

    first.locator(":scope > article [data-vote='-1']").click()
    expect(first.locator(":scope > article .votes__score")).to_have_text("-1")
    first.locator(":scope > article [data-vote='1']").click()
    expect(first.locator(":scope > article .votes__score")).to_have_text("1")

    widget.get_by_role("button", name="Oldest").click()
    expect(widget.get_by_role("button", name="Oldest")).to_have_attribute(
        "aria-pressed", "true"
    )

    first = widget.locator("li.comment", has_text="Walked it last spring")
    first.locator(":scope > article").get_by_role("button", name="Edit").click()
    first.get_by_label("Edit your comment").fill(
        "Walked it last spring. Bring *good* boots."
    )
    first.get_by_role("button", name="Save").click()
    expect(first.locator(":scope > article em")).to_have_text("good")

    reply = first.locator(".comments--replies li.comment")
    reply.get_by_role("button", name="Delete").click()
    reply.get_by_role("button", name="Really delete?").click()
    expect(first.locator(".comments--replies li.comment")).to_have_count(0)
    screenshot(page, "embed-other-origin")

    thread = Thread.objects.get(key="blog:coast-walk")
    assert thread.title == "A blog post elsewhere"
    assert thread.url == f"{origin}/post.html"
    assert thread.comment_count == 1
    comment = Comment.objects.get(thread=thread)
    assert comment.author_email == "gwen@example.org"
    assert Vote.objects.get(comment=comment).value == 1


def test_widget_forgets_what_earlier_versions_kept(
    live_server, page, other_origin, settings
):
    """A guest's e-mail address and unexpiring edit tokens left in the embedding
    site's storage by an earlier version are dropped on the next visit."""
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    (folder / "post.html").write_text(HOST_PAGE.format(server=live_server.url))
    page.goto(f"{origin}/post.html")
    page.evaluate(
        """(api) => {
            localStorage.setItem(`parley:${api}:guest`,
                JSON.stringify({name: "Gwen", email: "gwen@example.org"}));
            localStorage.setItem(`parley:${api}:edit`, JSON.stringify({"7": "tok"}));
        }""",
        f"{live_server.url}/api/v1",
    )
    page.reload()
    widget = page.locator("parley-comments")
    expect(widget.get_by_label("Name")).to_have_value("Gwen")
    expect(widget.get_by_label("E-mail (optional, never shown)")).to_have_value("")
    stored = page.evaluate("() => JSON.stringify({...localStorage})")
    assert "gwen@example.org" not in stored
    assert "tok" not in stored


def test_widget_refuses_an_origin_that_is_not_configured(
    live_server, page, other_origin, settings
):
    folder, origin = other_origin
    settings.EMBED_ORIGINS = []
    (folder / "post.html").write_text(HOST_PAGE.format(server=live_server.url))
    page.goto(f"{origin}/post.html")
    expect(page.locator("parley-comments .parley-status")).to_contain_text(
        "can't be reached", timeout=10_000
    )


def test_upvotes_only_site_hides_the_down_button(
    live_server, page, other_origin, settings
):
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    settings.PARLEY_UPVOTES_ONLY = True
    from parley.discussions.actions import get_or_create_thread
    from tests.factories import post

    post(get_or_create_thread("blog:coast-walk"), "Lovely walk.", name="Pia")
    (folder / "post.html").write_text(HOST_PAGE.format(server=live_server.url))
    page.goto(f"{origin}/post.html")
    comment = page.locator("li.comment", has_text="Lovely walk.")
    expect(comment.locator("[data-vote='1']")).to_be_visible()
    expect(comment.locator("[data-vote='-1']")).to_be_hidden()


def test_own_votes_return_after_reload_beside_a_deleted_placeholder(
    live_server, page, other_origin, settings
):
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    from parley.discussions.actions import delete_comment, get_or_create_thread
    from tests.factories import post

    thread = get_or_create_thread("blog:coast-walk")
    gone = post(thread, "Soon deleted.", name="Ines")
    post(thread, "An answer that keeps the placeholder.", name="Uma", parent=gone)
    delete_comment(gone)
    post(thread, "Vote for me.", name="Sam")
    (folder / "post.html").write_text(HOST_PAGE.format(server=live_server.url))

    page.goto(f"{origin}/post.html")
    expect(page.locator(".comment__deleted")).to_have_text("[deleted]")
    target = page.locator("li.comment", has_text="Vote for me.")
    target.locator("[data-vote='1']").click()
    expect(target.locator("[data-vote='1']")).to_have_attribute("aria-pressed", "true")

    # Forget the local record of votes, keep the voter token: the server tells.
    page.evaluate(
        """() => Object.keys(localStorage)
            .filter((key) => key.endsWith(":votes"))
            .forEach((key) => localStorage.removeItem(key))"""
    )
    page.reload()
    target = page.locator("li.comment", has_text="Vote for me.")
    expect(target.locator("[data-vote='1']")).to_have_attribute("aria-pressed", "true")
    expect(target.locator(".votes__score")).to_have_text("1")

"""A reply just posted nests by the server's one depth rule, at the end of its
parent's replies."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser import widget_pages
from tests.browser.conftest import wait_for_widget
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)
sized_page = widget_pages.sized_page


def _reply(page, comment_id, text):
    item = page.locator(f"#comment-{comment_id}")
    item.locator(":scope > article").get_by_role("button", name="Reply").click()
    form = item.locator("form[data-kind=reply]")
    form.get_by_label("Comment", exact=True).fill(text)
    if form.get_by_label("Name").input_value() == "":
        form.get_by_label("Name").fill("Rosa")
    form.get_by_role("button", name="Post comment").click()
    new = page.locator("li.comment > article", has_text=text)
    expect(new).to_have_count(1)
    return new.locator("xpath=..")


def _depth(item):
    return item.evaluate(
        "el => [...el.classList].find(c => c.startsWith('depth-')).slice(6)"
    )


def test_new_replies_go_last_and_stop_nesting_at_the_servers_depth(
    live_server, sized_page
):
    page = sized_page
    article = make_article(headline="Deep")
    chain = [post(article.thread, "Depth 0.", name="D0")]
    for depth in range(1, 5):
        chain.append(
            post(article.thread, f"Depth {depth}.", name=f"D{depth}", parent=chain[-1])
        )
    early = post(article.thread, "An earlier reply.", name="Early", parent=chain[0])
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)

    # Oldest first under a parent: the new reply goes after the earlier ones.
    new = _reply(page, chain[0].pk, "A new reply at depth one.")
    replies = page.locator(f"#comment-{chain[0].pk} > .comments--replies > li")
    expect(replies.last).to_contain_text("A new reply at depth one.")
    expect(replies).to_have_count(3)
    assert early.pk != 0 and _depth(new) == "1"

    # Below the deepest depth (5 levels: 0..4) a reply shows flat beside its
    # parent, marked with whom it answers, after what is there already.
    deep = _reply(page, chain[4].pk, "Too deep to nest.")
    assert _depth(deep) == "4"
    expect(deep.locator(".comment__reply-to")).to_have_text("@D4")
    siblings = page.locator(f"#comment-{chain[3].pk} > .comments--replies > li")
    expect(siblings).to_have_count(2)
    expect(siblings.last).to_contain_text("Too deep to nest.")
    deeper = _reply(page, deep.get_attribute("id").split("-")[1], "Deeper still.")
    assert _depth(deeper) == "4"
    expect(deeper.locator(".comment__reply-to")).to_have_text("@Rosa")
    expect(siblings.last).to_contain_text("Deeper still.")


def test_the_depth_comes_from_the_thread_page(live_server, sized_page):
    """The widget nests by the `max_depth` its thread page gives."""
    page = sized_page
    article = make_article(headline="Shallow")
    root = post(article.thread, "Depth 0.", name="D0")
    child = post(article.thread, "Depth 1.", name="D1", parent=root)

    def shallow(route):
        response = route.fetch()
        data = response.json()
        data["max_depth"] = 2
        route.fulfill(response=response, body=json.dumps(data))

    page.route("**/api/v1/threads/**/comments?*", shallow)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    reply = _reply(page, child.pk, "Flat at depth one.")
    assert _depth(reply) == "1"
    expect(reply.locator(".comment__reply-to")).to_have_text("@D1")

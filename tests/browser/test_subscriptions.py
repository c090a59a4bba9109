""" "Notify of" in the widget: a guest ticks a box, posts, and is told to
confirm; "Notify of new replies to this comment" asks for an address."""

import pytest
from playwright.sync_api import expect

from parley.discussions.actions import GUEST_ANSWER
from parley.discussions.models import Subscription
from tests.browser.conftest import screenshot
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db(transaction=True)


def test_guest_subscribes_from_the_widget(live_server, page):
    article = make_article(headline="Lighthouses")
    followed = post(article.thread, "Worth following.", name="Dee")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    widget = page.locator("parley-comments")
    # The widget's own form (not the server-rendered one it replaces).
    expect(widget.locator("[data-ref=notify-hint]")).to_have_count(1)
    form = widget.locator("form.comment-form").first
    expect(form.locator("legend")).to_have_text("Notify of")
    form.get_by_label("Comment", exact=True).fill("Keep me posted.")
    form.get_by_label("Name").fill("Ann")
    form.get_by_label("new follow-up comments").check()
    form.get_by_role("button", name="Post comment").click()
    expect(form.locator("[data-error=email]")).to_have_text(
        "Please enter your e-mail address to be notified."
    )
    form.get_by_label("E-mail (optional, never shown)").fill("ann@example.org")
    form.get_by_role("button", name="Post comment").click()
    expect(widget.locator("[data-ref=notify-status]").first).to_have_text(
        str(GUEST_ANSWER)
    )
    assert Subscription.objects.get(email="ann@example.org").kind == "thread"
    screenshot(page, "notify-of-guest")

    item = widget.locator(f"#comment-{followed.pk}")
    item.get_by_role("button", name="Notify of new replies to this comment").click()
    box = item.locator("form.notify-comment")
    box.get_by_label("Your e-mail address").fill("bea@example.org")
    box.get_by_role("button", name="Notify me").click()
    expect(box.locator("[data-ref=status]")).to_have_text(str(GUEST_ANSWER))
    assert Subscription.objects.get(email="bea@example.org").comment_id == followed.pk

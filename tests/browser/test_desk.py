"""A moderator at the desk, in Chromium: sign in, read a held comment, decide by key."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parley.moderation.models import AuditEntry
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.factories import make_article, post
from tests.moderation.conftest import TOXIC_BODY, hold

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def moderator(django_user_model):
    from tests.moderation.conftest import _member

    return _member(django_user_model, "mona", "Moderators")


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    screenshot(page, f"{name}-full")


def test_moderator_approves_a_held_comment_with_the_keyboard(
    live_server, page, browser, moderator
):
    article = make_article(headline="Night trains return")
    thread = article.thread
    reply_to = post(thread, "The sleeper to Vienna was always late.", name="Olu")
    held = hold(
        post(thread, TOXIC_BODY, name="Grumpy", email="g@example.org", parent=reply_to)
    )
    other = hold(
        post(thread, "Buy cheap watches at my shop!", name="Spammer"),
        intake={},
        toxicity=0.12,
        human_score=0.05,
    )

    # Two weeks of desk work, for the chart.
    AuditEntry.objects.bulk_create(
        AuditEntry(
            comment_ref=reply_to.pk,
            action=action,
            actor=None if action == "held" else moderator,
            created_at=timezone.now() - timedelta(days=day, hours=1),
        )
        for day in range(1, 14)
        for action, count in (("held", 3 + day % 5), ("approved", 2 + day % 4))
        for _ in range(count)
    )

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/moderate/")
    expect(page).to_have_url(f"{live_server.url}/accounts/sign-in/?next=/moderate/")
    page.get_by_label("Username").fill("mona")
    page.get_by_label("Password").fill("pw-mona-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/moderate/")

    item = page.locator(f"#c-{held.pk}")
    expect(item.locator("mark")).to_have_text("idiot")
    expect(item.locator(".desk-score", has_text="Toxicity")).to_contain_text("0.91")
    expect(item.locator(".desk-score", has_text="Human")).to_contain_text("0.35")
    expect(item.locator(".desk-parent")).to_contain_text("always late")
    expect(page.locator("[data-desk-keys]")).to_be_visible()
    # The newest comment comes first: move down to the held one with j.
    expect(page.locator(f"#c-{other.pk}")).to_have_class(
        "desk-item desk-item--pending is-current"
    )
    page.keyboard.press("j")
    expect(item).to_have_class("desk-item desk-item--pending is-current")
    _shot(page, "desk-1280")

    page.keyboard.press("a")
    expect(page.locator(".message--success")).to_contain_text(
        f"Approved comment #{held.pk} by Grumpy."
    )
    expect(page.locator(f"#c-{held.pk}")).to_have_count(0)
    expect(page.locator(f"#c-{other.pk}")).to_have_class(
        "desk-item desk-item--pending is-current"
    )
    page.keyboard.press("x")
    expect(page.locator(f"#select-{other.pk}")).to_be_checked()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/moderate/?queue=pending")
    expect(page.locator(f"#c-{other.pk}")).to_be_visible()
    _shot(page, "desk-390")

    # An anonymous reader now sees the approved comment under the article.
    reader = browser.new_context(viewport={"width": 1280, "height": 900})
    anonymous = reader.new_page()
    anonymous.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(anonymous.locator("parley-comments")).to_contain_text(
        "You are an idiot and everyone knows it."
    )
    expect(anonymous.locator("parley-comments")).not_to_contain_text("cheap watches")
    reader.close()


def test_moderator_rejects_by_key_and_reads_the_log(live_server, page, moderator):
    article = make_article(headline="Budget day")
    held = hold(post(article.thread, TOXIC_BODY, name="Grumpy", email="g@example.org"))
    page.context.add_cookies([_session_cookie(live_server, moderator)])

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/moderate/comments/{held.pk}/")
    item = page.locator(f"#c-{held.pk}")
    expect(item.locator(".desk-table--signals")).to_contain_text(
        "Written in 2 seconds."
    )
    item.locator(".desk-more summary").click()
    expect(item.get_by_role("button", name="Ban")).to_be_visible()
    _shot(page, "desk-comment-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "desk-comment-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    item.get_by_label("Reason for rejecting").fill("Name-calling")
    page.locator("body").click(position={"x": 5, "y": 5})  # leave the field
    page.keyboard.press("r")
    expect(page.locator(".message--success")).to_contain_text(
        f"Rejected comment #{held.pk}"
    )
    expect(item.locator(".desk-status")).to_have_text("Rejected")

    page.get_by_role("link", name="Audit log").click()
    expect(page.locator(".desk-table--log tbody tr").first).to_contain_text(
        "Name-calling"
    )
    page.get_by_label("Who").select_option("person")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".desk-table--log tbody tr")).to_have_count(1)
    _shot(page, "desk-log-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "desk-log-390")


def _session_cookie(live_server, user) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    return {"name": "sessionid", "value": cookie.value, "url": live_server.url}

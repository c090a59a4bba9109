"""
Pages and the widget under Content-Security-Policies, in Chromium: ours on the
site's pages, and a strict one on a foreign page that embeds the discussion.
Every violation the browser reports fails the test.
"""

import pytest
from playwright.sync_api import expect

from parley.discussions.models import Comment, Vote
from tests.factories import make_article, post
from tests.moderation.conftest import TOXIC_BODY, hold

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in every document before its own scripts.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
}, true);
// The widget says when its first page is in (it then replaces the
// server-rendered thread and its form).
document.addEventListener("parley:loaded", () => {
  document.documentElement.dataset.parleyLoaded = "";
});
"""

# The policy the issue names for an embedding site, with default-src 'none' so
# that anything else the widget needed would show.
FOREIGN_PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none';
  script-src 'self' {server}; connect-src {server}; worker-src {server};
  style-src 'self' {server}">
<title>A strict blog</title>
</head><body>
<h1>My walk along the coast line</h1>
<script src="{server}/static/parley/embed.js" data-parley-thread="blog:strict"
        async></script>
</body></html>"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations and console errors."""
    console_errors: list[str] = []
    page.add_init_script(WATCH_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and console_errors.append(f"{message.text} ({message.location['url']})")
        ),
    )
    page.console_errors = console_errors
    return page


def assert_no_violation(page, allow_console=()) -> None:
    violations = page.evaluate("window.__violations")
    assert violations == [], violations
    errors = [
        text
        for text in page.console_errors
        if not any(allowed in text for allowed in allow_console)
    ]
    assert errors == [], errors


def post_and_vote(widget, body: str, name: str):
    form = widget.locator("form.comment-form").first
    form.get_by_label("Comment", exact=True).fill(body)
    form.get_by_label("Name").fill(name)
    form.get_by_role("button", name="Post comment").click()
    mine = widget.locator("li.comment", has_text=body)
    expect(mine).to_have_count(1)
    mine.locator("[data-vote='1']").first.click()
    expect(mine.locator(".votes__score").first).to_have_text("1")
    return mine


def test_article_page_works_under_the_sites_policy(live_server, watched):
    """The widget posts (solving its challenge in a Worker) and votes."""
    article = make_article(headline="Night trains return")
    response = watched.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert "script-src 'self'" in response.headers["content-security-policy"]

    # The widget replaces the server-rendered thread (whose sorts are links)
    # once its first page arrives; fill its form, not the one it replaces.
    expect(watched.locator("html[data-parley-loaded]")).to_have_count(1)
    widget = watched.locator("parley-comments")
    post_and_vote(widget, "Took the sleeper last week.", "Rosa")

    assert_no_violation(watched)
    comment = Comment.objects.get()
    assert comment.thread == article.thread
    assert Vote.objects.get(comment=comment).value == 1


def test_widget_works_under_a_strict_policy_on_a_foreign_page(
    live_server, watched, other_origin, settings
):
    """Styles from its stylesheet, fetches to the API, the challenge on the page:
    nothing the embedding page's policy has to loosen."""
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    (folder / "post.html").write_text(FOREIGN_PAGE.format(server=live_server.url))

    watched.goto(f"{origin}/post.html")
    widget = watched.locator("parley-comments")
    expect(widget.locator(".discussion__invite")).to_be_visible()
    layout = widget.locator("form.comment-form").first.evaluate(
        "form => getComputedStyle(form).display"
    )
    assert layout == "grid"  # parley-comments.css applies

    mine = post_and_vote(widget, "Walked it in the rain.", "Gwen")
    mine.get_by_role("button", name="Reply").first.click()
    expect(mine.locator("form.comment-form")).to_be_visible()

    assert_no_violation(watched, allow_console=["/favicon.ico)"])
    comment = Comment.objects.get(thread__key="blog:strict")
    assert comment.body_markdown == "Walked it in the rain."
    assert Vote.objects.get(comment=comment).value == 1


def test_desk_works_under_the_sites_policy(live_server, watched, django_user_model):
    from tests.moderation.conftest import _member

    _member(django_user_model, "mona", "Moderators")
    article = make_article(headline="Night trains return")
    held = hold(post(article.thread, TOXIC_BODY, name="Grumpy"))

    watched.goto(f"{live_server.url}/moderate/")
    watched.get_by_label("Username").fill("mona")
    watched.get_by_label("Password").fill("pw-mona-123")
    watched.get_by_role("button", name="Sign in").click()
    item = watched.locator(f"#c-{held.pk}")
    expect(item).to_have_class("desk-item desk-item--pending is-current")
    watched.keyboard.press("a")
    expect(watched.locator(".message--success")).to_contain_text("Approved comment")

    assert_no_violation(watched)


def test_admin_works_under_the_sites_policy(live_server, watched, django_user_model):
    django_user_model.objects.create_superuser(
        username="editor", password="pw-editor-123", email="e@example.org"
    )
    article = make_article(headline="Night trains return")

    watched.goto(f"{live_server.url}/admin/")
    watched.get_by_label("Username").fill("editor")
    watched.get_by_label("Password").fill("pw-editor-123")
    watched.get_by_role("button", name="Log in").click()
    expect(watched.locator("#site-name")).to_be_visible()
    for path in (
        "/admin/newsroom/article/",
        "/admin/newsroom/article/add/",
        f"/admin/newsroom/article/{article.pk}/change/",
        "/admin/discussions/comment/",
    ):
        watched.goto(f"{live_server.url}{path}")
        expect(watched.locator("#content")).to_be_visible()
        # Admin pages name no icon: the browser asks for /favicon.ico.
        assert_no_violation(watched, allow_console=["/favicon.ico)"])


def test_error_page_works_under_the_sites_policy(live_server, watched):
    response = watched.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    expect(watched.get_by_role("heading", level=1)).to_have_text(
        "We couldn't find that page"
    )
    assert_no_violation(watched, allow_console=["/no-such-page/)"])


def test_api_docs_work_under_the_sites_policy(live_server, watched):
    """The docs page is Swagger UI from our own static files, not a CDN."""
    watched.goto(f"{live_server.url}/api/v1/docs")
    expect(watched.locator(".swagger-ui .title")).to_contain_text("Parley API")
    watched.get_by_text("/api/v1/counts").first.click()
    assert_no_violation(watched)

"""
Cross-site forgery in a real browser: Chromium's own Sec-Fetch-Site and Origin
headers decide, and no token is needed anywhere.

The live server runs on localhost. A page on localhost at another port is the
same site (SameSite=Lax cookies go along, as from another host under the
site's domain); one on 127.0.0.1 is another site.
"""

import logging

import pytest
from django.test import Client
from modern_csrf.middleware import REASON_BAD_SEC_FETCH_SITE
from playwright.sync_api import expect

from parley.discussions.models import Comment
from tests.browser.conftest import WIDGET_LOADED, wait_for_widget
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

FORGED_FORM = """<!doctype html><title>Win a prize</title>
<form method="post" action="{action}">
<input name="body" value="Forged."><input name="name" value="Victim">
<button>Claim</button></form>"""
# A "simple" request: no preflight, and the API reads its text/plain body as
# JSON. The page can't read the answer (no CORS), but the write would be done.
FORGED_FETCH = """<!doctype html><title>Win a prize</title>
<button id="go">Claim</button>
<script>
document.getElementById("go").onclick = async () => {{
  await fetch("{action}", {{
    method: "POST", mode: "no-cors", credentials: "include",
    body: '{{"body": "Forged."}}'
  }});
  document.title = "sent";
}};
</script>"""


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies(
        [{"name": "sessionid", "value": cookie, "url": live_server.url}]
    )


def _foreign_page(other_origin, host: str, html: str) -> str:
    folder, origin = other_origin
    port = origin.rsplit(":", 1)[1]
    (folder / "forge.html").write_text(html)
    return f"http://{host}:{port}/forge.html"


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_a_form_from_another_page_is_refused(
    live_server, page, other_origin, reader_user, host
):
    article = make_article()
    _sign_in(page, live_server, reader_user)
    action = f"{live_server.url}{article.get_absolute_url()}"
    page.goto(_foreign_page(other_origin, host, FORGED_FORM.format(action=action)))
    page.get_by_role("button", name="Claim").click()
    expect(page.locator("h1")).to_have_text("This form came from another site")
    assert not Comment.objects.exists()


def test_a_fetch_with_cookies_from_the_same_site_is_refused(
    live_server, page, other_origin, reader_user, caplog
):
    """Another host of the same site gets the reader's Lax cookies sent along;
    the API refuses to count them (it checks only requests with cookies)."""
    article = make_article()
    _sign_in(page, live_server, reader_user)
    path = f"/api/v1/threads/{article.thread.key}/comments"
    forged = FORGED_FETCH.format(action=f"{live_server.url}{path}")
    page.goto(_foreign_page(other_origin, "localhost", forged))
    with caplog.at_level(logging.WARNING, logger="modern_csrf"):
        page.locator("#go").click()
        expect(page).to_have_title("sent")
    assert not Comment.objects.exists()
    refusals = [r.getMessage() for r in caplog.records if r.name == "modern_csrf"]
    assert refusals == [f"Forbidden ({REASON_BAD_SEC_FETCH_SITE}): {path}"]


def test_the_reader_posts_from_the_article_page_without_a_token(
    live_server, page, reader_user
):
    article = make_article()
    _sign_in(page, live_server, reader_user)
    # The widget replaces the server-rendered form once its first page is in:
    # fill the form after that, not the one it replaces.
    page.add_init_script(WIDGET_LOADED)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    assert not [c for c in page.context.cookies() if c["name"] == "csrftoken"]
    form = page.locator("parley-comments form.comment-form").first
    form.get_by_label("Comment", exact=True).fill("Signed in, no token.")
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator("parley-comments")).to_contain_text("Signed in, no token.")
    assert Comment.objects.get().author_name == "reader"

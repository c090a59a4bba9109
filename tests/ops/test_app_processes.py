"""Several stateless app processes behind a proxy must agree at once."""

import urllib.request
from urllib.parse import quote

import pytest

from tests.factories import make_thread

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_app_processes_share_every_write_at_once(start_app):
    """A comment or vote through one process is listed, counted and scored through
    the other on the very next request, though both had the page cached."""
    one, two = start_app("one"), start_app("two")
    make_thread("site:two-processes")
    path = "/api/v1/threads/" + quote("site:two-processes") + "/comments"
    for app in (one, two):  # both warm their caches on the empty thread
        status, _, page = app.request("GET", path)
        assert (status, page["comments"]) == (200, [])

    status, _, created = one.request("POST", path, {"body": "Via one", "name": "Ana"})
    assert status == 201
    status, headers, page = two.request("GET", path)
    assert [c["id"] for c in page["comments"]] == [created["id"]]
    etag = headers["ETag"]
    assert two.request("GET", "/api/v1/counts?thread=site:two-processes")[2] == {
        "counts": {"site:two-processes": 1}
    }

    status, _, vote = two.request(
        "POST", f"/api/v1/comments/{created['id']}/vote", {"value": 1}
    )
    assert (status, vote["score"]) == (200, 1)
    assert one.request("GET", path)[2]["comments"][0]["score"] == 1
    assert two.request("GET", path, headers={"If-None-Match": etag})[0] == 200

    token = {"X-Parley-Voter": vote["voter_token"]}
    status, _, vote = one.request(
        "POST", f"/api/v1/comments/{created['id']}/vote", {"value": -1}, headers=token
    )
    assert vote["score"] == -1
    assert two.request("GET", path)[2]["comments"][0]["score"] == -1

    edit = {"X-Parley-Edit-Token": created["edit_token"]}
    status, _, _ = two.request(
        "PATCH",
        f"/api/v1/comments/{created['id']}",
        {"body": "Edited via two"},
        headers=edit,
    )
    assert status == 200
    assert (
        one.request("GET", path)[2]["comments"][0]["body_html"]
        == "<p>Edited via two</p>"
    )


def _page(app, path: str) -> str:
    with urllib.request.urlopen(f"{app.url}{path}", timeout=15) as response:
        assert response.status == 200
        return response.read().decode()


def test_two_app_processes_never_serve_a_stale_page(start_app):
    """Article and home pages, cached (and answered by the fast path) in both
    processes, show a write through either on the very next request."""
    from parley.accounts.models import User
    from parley.discussions.models import Comment
    from parley.moderation.actions import approve_comment
    from parley.newsroom.actions import save_article
    from tests.factories import make_article

    article = make_article(headline="Shared by two")
    one, two = start_app("one", pages=True), start_app("two", pages=True)
    url = article.get_absolute_url()
    key = quote(article.thread.key)
    for app in (one, two):  # both cache the page and serve it fast
        for _ in range(2):
            assert "Would love your thoughts" in _page(app, url)
            assert "Shared by two" in _page(app, "/")

    status, _, created = one.request(
        "POST", f"/api/v1/threads/{key}/comments", {"body": "Via one", "name": "Ana"}
    )
    assert status == 201
    assert "Via one" in _page(two, url)
    assert "1 comment" in _page(two, "/")

    status, _, vote = two.request(
        "POST", f"/api/v1/comments/{created['id']}/vote", {"value": 1}
    )
    assert (status, vote["score"]) == (200, 1)
    assert 'aria-label="Score">1</span>' in _page(one, url)

    edit = {"X-Parley-Edit-Token": created["edit_token"]}
    status, _, _ = two.request(
        "PATCH", f"/api/v1/comments/{created['id']}", {"body": "Edited"}, headers=edit
    )
    assert status == 200
    assert "Edited" in _page(one, url) and "Via one" not in _page(one, url)

    status, _, _ = one.request(
        "DELETE", f"/api/v1/comments/{created['id']}", headers=edit
    )
    assert status in (200, 204)
    assert "Edited" not in _page(two, url) and "0 comments" in _page(two, "/")

    article.headline = "Shared by two, revised"
    save_article(article)
    for app in (one, two):
        assert "Shared by two, revised" in _page(app, url)
        assert "Shared by two, revised" in _page(app, "/")

    make_article(headline="Published just now")
    for app in (one, two):
        assert "Published just now" in _page(app, "/")
        assert "Published just now" in _page(app, url)  # Latest stories

    article.premoderate_comments = True
    save_article(article)
    status, _, held = two.request(
        "POST", f"/api/v1/threads/{key}/comments", {"body": "Held one", "name": "Bo"}
    )
    assert status == 202
    assert "Held one" not in _page(one, url)
    editor = User.objects.create_user(username="editor", is_staff=True)
    approve_comment(Comment.objects.get(pk=held["id"]), by=editor)
    for app in (one, two):
        assert "Held one" in _page(app, url) and "1 comment" in _page(app, "/")

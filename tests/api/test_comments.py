import json

import pytest
from django.test import Client

from parley.discussions.models import Comment, Thread
from parley.discussions.tokens import make_edit_token
from parley.newsroom.models import Article
from tests.factories import make_article, make_deep_thread, make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture(autouse=True)
def _page_thread():
    """Thread "k" exists, as the thread of a page on an embed origin."""
    make_thread("k")


def send(client, method, path, body=None, **headers):
    data = (
        body
        if isinstance(body, (str, bytes))
        else json.dumps(body)
        if body is not None
        else ""
    )
    return getattr(client, method)(
        f"{API}{path}", data=data, content_type="application/json", headers=headers
    )


def test_post_then_list_a_new_external_thread(client):
    response = send(
        client,
        "post",
        "/threads/blog:my-post/comments",
        {
            "body": "Hello *there*",
            "name": "Guest",
            "email": "g@example.org",
            "thread_title": "My post",
            "thread_url": "http://embed.example/my-post",
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["body_html"] == "<p>Hello <em>there</em></p>"
    assert created["edit_token"]
    assert Thread.objects.get(key="blog:my-post").title == "My post"
    listing = client.get(f"{API}/threads/blog:my-post/comments").json()
    assert listing["thread"]["comment_count"] == 1
    assert [c["id"] for c in listing["comments"]] == [created["id"]]


def test_email_is_never_returned(client):
    send(
        client,
        "post",
        "/threads/k/comments",
        {"body": "x", "name": "N", "email": "hide@me.org"},
    )
    for response in (
        client.get(f"{API}/threads/k/comments"),
        client.get(f"{API}/comments/{Comment.objects.get().pk}"),
    ):
        assert b"hide@me.org" not in response.content
        assert b"email" not in response.content


def test_exact_validation_sentences_come_back_as_errors(client):
    response = send(client, "post", "/threads/k/comments", {"body": " ", "name": ""})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "body": "Please enter your comment!",
            "name": "Please enter your name here",
        }
    }


def test_unknown_thread_lists_empty_and_counts_zero(client):
    response = client.get(f"{API}/threads/never-seen/comments")
    assert response.status_code == 200
    assert response.json()["comments"] == []
    assert client.get(f"{API}/counts?thread=never-seen").json() == {
        "counts": {"never-seen": 0}
    }


def test_article_threads_are_not_created_by_posting(client):
    response = send(
        client, "post", "/threads/article-9999/comments", {"body": "x", "name": "n"}
    )
    assert response.status_code == 404


def test_draft_article_thread_is_hidden(client):
    draft = make_article(status=Article.Status.DRAFT)
    assert (
        client.get(f"{API}/threads/{draft.thread_key}/comments").json()["comments"]
        == []
    )
    response = send(
        client,
        "post",
        f"/threads/{draft.thread_key}/comments",
        {"body": "x", "name": "n"},
    )
    assert response.status_code == 404


def test_closed_article_refuses_comments(client):
    article = make_article(comments_open=False)
    response = send(
        client,
        "post",
        f"/threads/{article.thread_key}/comments",
        {"body": "x", "name": "n"},
    )
    assert response.status_code == 403
    assert (
        response.json()["errors"]["thread"]
        == "This discussion is closed to new comments."
    )


@pytest.mark.parametrize("sort", ["newest", "oldest", "votes"])
def test_every_sort_over_the_api_pages_through_every_comment(client, sort):
    thread = make_thread("deep")
    made = make_deep_thread(thread, roots=5, depth=6)
    seen, cursor, pages = [], "", 0
    while True:
        query = f"?sort={sort}&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"{API}/threads/deep/comments{query}").json()
        pages += 1
        stack = list(page["comments"])
        while stack:
            comment = stack.pop()
            seen.append(comment["id"])
            assert comment["depth"] <= 4
            stack.extend(comment["replies"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert pages == 3
    assert sorted(seen) == sorted(c.pk for c in made)


def test_edit_and_delete_with_the_edit_token(client):
    created = send(
        client, "post", "/threads/k/comments", {"body": "typo", "name": "N"}
    ).json()
    fresh = Client()  # no cookies: the token header alone grants the edit
    response = send(
        fresh,
        "patch",
        f"/comments/{created['id']}",
        {"body": "fixed"},
        **{"X-Parley-Edit-Token": created["edit_token"]},
    )
    assert response.status_code == 200
    assert response.json()["body_html"] == "<p>fixed</p>"
    assert response.json()["edited_at"]
    response = fresh.delete(
        f"{API}/comments/{created['id']}",
        headers={"X-Parley-Edit-Token": created["edit_token"]},
    )
    assert response.status_code == 204
    assert not Comment.objects.exists()


def test_edit_without_the_right_is_forbidden(client):
    comment = post(make_thread("k"), "theirs")
    other = post(make_thread("k2"), "mine")
    for headers in (
        {},
        {"X-Parley-Edit-Token": make_edit_token(other.pk)},
        {"X-Parley-Edit-Token": "forged"},
    ):
        response = send(
            Client(), "patch", f"/comments/{comment.pk}", {"body": "hijack"}, **headers
        )
        assert response.status_code == 403
        assert "own comments" in response.json()["errors"]["comment"]


CROSS_SITE = {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}


def test_guest_cookie_grants_edit_only_from_the_same_origin():
    client = Client(enforce_csrf_checks=True)
    created = send(
        client,
        "post",
        "/threads/k/comments",
        {"body": "mine", "name": "N"},
        **SAME_ORIGIN,
    )
    assert created.status_code == 201
    comment_id = created.json()["id"]
    assert f"parley-edit-{comment_id}" in client.cookies
    # The cookie, sent by a page on another site: refused.
    response = send(
        client, "patch", f"/comments/{comment_id}", {"body": "edit"}, **CROSS_SITE
    )
    assert response.status_code == 403
    response = send(
        client, "patch", f"/comments/{comment_id}", {"body": "edit"}, **SAME_ORIGIN
    )
    assert response.status_code == 200


def test_signed_in_reader_posts_as_themselves_only_from_the_same_origin(reader_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader_user)
    response = send(client, "post", "/threads/k/comments", {"body": "hi"}, **CROSS_SITE)
    assert response.status_code == 403
    assert not Comment.objects.exists()
    response = send(
        client, "post", "/threads/k/comments", {"body": "hi"}, **SAME_ORIGIN
    )
    assert response.status_code == 201
    assert response.json()["author"]["name"] == "reader"


def test_anonymous_vote_issues_a_voter_token_that_can_change_the_vote():
    comment = post(make_thread("k"), "vote")
    client = Client()
    first = send(client, "post", f"/comments/{comment.pk}/vote", {"value": 1}).json()
    assert (first["score"], first["my_vote"]) == (1, 1)
    token = first["voter_token"]
    other = Client()
    again = send(
        other,
        "post",
        f"/comments/{comment.pk}/vote",
        {"value": -1},
        **{"X-Parley-Voter": token},
    ).json()
    assert (again["score"], again["my_vote"], again["voter_token"]) == (-1, -1, None)
    back = send(
        other,
        "post",
        f"/comments/{comment.pk}/vote",
        {"value": 0},
        **{"X-Parley-Voter": token},
    ).json()
    assert back["score"] == 0


def test_counts_for_many_threads(client):
    post(make_thread("one"), "x")
    post(make_thread("two"), "x")
    post(Thread.objects.get(key="two"), "y")
    response = client.get(f"{API}/counts?thread=one&thread=two&thread=three")
    assert response.json() == {"counts": {"one": 1, "two": 2, "three": 0}}


def test_cors_only_for_configured_embed_origins(client):
    allowed = client.get(
        f"{API}/threads/k/comments", headers={"Origin": "http://embed.example"}
    )
    assert allowed["Access-Control-Allow-Origin"] == "http://embed.example"
    assert "Access-Control-Allow-Credentials" not in allowed
    denied = client.get(
        f"{API}/threads/k/comments", headers={"Origin": "http://evil.example"}
    )
    assert "Access-Control-Allow-Origin" not in denied
    preflight = client.options(
        f"{API}/threads/k/comments",
        headers={
            "Origin": "http://embed.example",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert preflight.status_code == 204
    assert "X-Parley-Edit-Token" in preflight["Access-Control-Allow-Headers"]


MALFORMED = [
    ("post", "/threads/k/comments", "{not json", 400),
    ("post", "/threads/k/comments", "[1, 2]", 400),
    ("post", "/threads/k/comments", '"just a string"', 400),
    ("post", "/threads/k/comments", {"body": 5, "name": "n"}, 400),
    ("post", "/threads/k/comments", {"body": ["x"], "name": "n"}, 400),
    ("post", "/threads/k/comments", {"body": "x", "name": {"a": 1}}, 400),
    ("post", "/threads/k/comments", {"body": "x", "name": "n", "parent": "abc"}, 400),
    ("post", "/threads/k/comments", {"body": "x", "name": "n", "parent": 10**30}, 400),
    ("post", "/threads/k/comments", {"body": "x", "name": "n", "parent": -1}, 400),
    ("post", "/threads/k/comments", {"body": "x", "name": "n", "parent": 999999}, 404),
    ("post", "/threads/k/comments", {"body": "nul\u0000", "name": "n"}, 400),
    ("post", "/threads/k/comments", '{"body": "\\ud800", "name": "n"}', 400),
    ("post", "/threads/k/comments", {"body": "x", "name": "\u0000"}, 400),
    ("post", "/threads/k/comments", {"body": "x" * 10_001, "name": "n"}, 413),
    ("post", "/threads/k/comments", "x" * 300_000, 413),
    ("post", "/threads/" + "k" * 300 + "/comments", {"body": "x", "name": "n"}, 404),
    ("post", "/threads/bad%00key/comments", {"body": "x", "name": "n"}, 404),
    ("post", "/threads/with%20space/comments", {"body": "x", "name": "n"}, 404),
    ("get", "/threads/k/comments?sort=sideways", None, 400),
    ("get", "/threads/k/comments?limit=1001", None, 400),
    ("get", "/threads/k/comments?limit=abc", None, 400),
    ("get", "/threads/k/comments?cursor=%%%", None, 400),
    ("get", "/threads/k/comments?cursor=WyJuZXdlc3QiLCAiMjAyNiIsIDFd", None, 400),
    ("get", "/counts", None, 400),
    ("get", "/counts?thread=" + "&thread=".join(["k"] * 201), None, 400),
    ("get", "/comments/abc", None, 400),
    ("get", "/comments/0", None, 400),
    ("get", f"/comments/{10**30}", None, 400),
    ("get", "/comments/424242", None, 404),
    ("patch", "/comments/424242", {"body": "x"}, 404),
    ("delete", "/comments/424242", None, 404),
    ("post", "/comments/424242/vote", {"value": 1}, 404),
    ("post", "/comments/{id}/vote", {"value": 2}, 400),
    ("post", "/comments/{id}/vote", {"value": "up"}, 400),
    ("post", "/comments/{id}/vote", {}, 400),
    ("post", "/comments/{id}/vote", "null", 400),
    ("patch", "/comments/{id}", {"body": 7}, 400),
    ("put", "/comments/{id}", {"body": "x"}, 405),
    ("get", "/no/such/route", None, 404),
]


@pytest.mark.parametrize(("method", "path", "body", "status"), MALFORMED)
def test_malformed_requests_get_a_clear_4xx(client, method, path, body, status):
    comment = post(make_thread("k"), "target")
    response = send(client, method, path.replace("{id}", str(comment.pk)), body)
    assert response.status_code == status, response.content
    if status != 405:
        payload = response.json()
        assert set(payload) <= {"errors", "detail"} and payload


def test_taking_back_a_vote_never_cast_is_a_harmless_no_op():
    comment = post(make_thread("k"), "vote")
    response = send(Client(), "post", f"/comments/{comment.pk}/vote", {"value": 0})
    assert response.status_code == 200
    assert response.json()["my_vote"] == 0
    assert response.json()["voter_token"] is None


def test_a_thread_page_states_its_depth_rule_and_orders_replies_oldest_first(
    client, settings
):
    """The page gives `max_depth`; replies read oldest first under any sort,
    and a chain below the cap is flat with whom each answers."""
    settings.PARLEY_MAX_DISPLAY_DEPTH = 2
    thread = Thread.objects.get(key="k")
    root = post(thread, "root")
    first = post(thread, "one", name="One", parent=root)
    second = post(thread, "two", name="Two", parent=first)
    post(thread, "three", name="Three", parent=second)
    page = client.get(f"{API}/threads/k/comments?sort=newest").json()
    assert page["max_depth"] == 2
    flat = page["comments"][0]["replies"]
    assert [c["body_html"] for c in flat] == [
        "<p>one</p>",
        "<p>two</p>",
        "<p>three</p>",
    ]
    assert [(c["depth"], c["reply_to"]) for c in flat] == [
        (1, None),
        (1, "One"),
        (1, "Two"),
    ]


def test_a_just_posted_deep_reply_has_the_depth_and_marker_a_reload_shows(
    client, settings
):
    """The reply the API hands back is placed by the same rule as the page."""
    settings.PARLEY_MAX_DISPLAY_DEPTH = 2
    thread = Thread.objects.get(key="k")
    root = post(thread, "root")
    first = post(thread, "one", name="One", parent=root)
    response = send(
        client,
        "post",
        "/threads/k/comments",
        {"body": "deep", "name": "Deep", "parent": first.pk},
    )
    assert response.status_code == 201, response.content
    posted = response.json()
    assert (posted["depth"], posted["reply_to"]) == (1, "One")
    page = client.get(f"{API}/threads/k/comments").json()
    shown = page["comments"][0]["replies"][-1]
    assert (shown["id"], shown["depth"], shown["reply_to"]) == (
        posted["id"],
        1,
        "One",
    )

"""The shared read path: cached per thread version, revalidated by ETag, cheap."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client

from parley.api.schemas.discussions import CommentPageOut
from parley.discussions import actions
from parley.discussions.models import Thread
from tests.factories import make_article, make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _list(client, key="k", query="", **headers):
    return client.get(f"{API}/threads/{key}/comments{query}", headers=headers)


def test_cached_page_keeps_the_declared_contract(client):
    thread = make_thread("k")
    top = post(thread, "top *one*")
    post(thread, "reply", parent=top)
    for _ in range(2):  # built, then from the cache
        response = _list(client)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        page = CommentPageOut.model_validate(json.loads(response.content))
        assert page.comments[0].replies[0].body_html == "<p>reply</p>"


def test_etag_revalidates_to_304_until_the_thread_changes(client):
    thread = make_thread("k")
    comment = post(thread, "first")
    first = _list(client)
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert _list(client, **{"If-None-Match": etag}).status_code == 304
    assert _list(client, **{"If-None-Match": f'W/{etag}, "other"'}).status_code == 304
    changes = [
        lambda: post(thread, "second"),
        lambda: actions.cast_vote(comment, voter="a:1", value=1),
        lambda: actions.edit_comment(comment, body="first, edited"),
        lambda: actions.delete_comment(post(thread, "gone soon")),
    ]
    for change in changes:
        change()
        response = _list(client, **{"If-None-Match": etag})
        assert response.status_code == 200
        assert response["ETag"] != etag
        etag = response["ETag"]


def test_every_change_is_visible_on_the_next_read(client):
    """No stale page: each write shows up in the very next response."""
    thread = make_thread("k")
    comment = post(thread, "first")
    assert _list(client).json()["comments"][0]["score"] == 0
    actions.cast_vote(comment, voter="a:1", value=1)
    assert _list(client).json()["comments"][0]["score"] == 1
    actions.edit_comment(comment, body="changed")
    assert _list(client).json()["comments"][0]["body_html"] == "<p>changed</p>"
    post(thread, "newer")
    assert _list(client).json()["thread"]["comment_count"] == 2


def test_closing_an_article_changes_its_page(client):
    article = make_article()
    key = article.thread_key
    assert _list(client, key).json()["thread"]["is_closed"] is False
    article.comments_open = False
    from parley.newsroom.actions import save_article

    save_article(article)
    assert _list(client, key).json()["thread"]["is_closed"] is True


def test_pages_of_different_keys_and_queries_never_mix(client):
    post(make_thread("a"), "in a")
    post(make_thread("b"), "in b")
    assert _list(client, "a").json()["comments"][0]["body_html"] == "<p>in a</p>"
    assert _list(client, "b").json()["comments"][0]["body_html"] == "<p>in b</p>"
    assert _list(client, "unknown-1").json()["thread"]["key"] == "unknown-1"
    assert _list(client, "unknown-2").json()["thread"]["key"] == "unknown-2"
    assert _list(client, "a", "?sort=oldest").json()["sort"] == "oldest"


def test_read_path_query_counts(client, django_assert_num_queries):
    thread = make_thread("k")
    for i in range(30):
        top = post(thread, f"top {i}")
        post(thread, "reply", parent=top)
    with django_assert_num_queries(3):  # thread, top-level slice, their replies
        etag = _list(client)["ETag"]
    with django_assert_num_queries(1):  # thread version only: page from the cache
        assert _list(client).status_code == 200
    with django_assert_num_queries(1):
        assert _list(client, **{"If-None-Match": etag}).status_code == 304
    with django_assert_num_queries(1):
        client.get(f"{API}/counts?" + "&".join(f"thread=t{i}" for i in range(10)))


def test_write_query_counts(django_assert_num_queries):
    """A post or a vote touches a handful of rows, never the whole thread."""
    thread = make_thread("k")
    for i in range(50):
        post(thread, f"c {i}")
    client = Client()
    # Inside the test's transaction, atomic blocks show as SAVEPOINT / RELEASE.
    # thread; intake: bans, author standing, word rules; then savepoint, insert,
    # counters, release. (A short body skips the duplicate-text lookup.)
    with django_assert_num_queries(8):
        response = client.post(
            f"{API}/threads/k/comments",
            {"body": "new", "name": "N"},
            content_type="application/json",
        )
    comment_id = response.json()["id"]
    vote = f"{API}/comments/{comment_id}/vote"
    sqlite = connection.vendor == "sqlite"
    # A new reader: comment; savepoint, insert, score moved and read back, then
    # the thread's version (inside the vote's transaction on SQLite; on
    # PostgreSQL in its own after it, here a savepoint in the test's
    # transaction); release. There is no earlier vote of theirs to look for.
    with django_assert_num_queries(6 if sqlite else 8):
        first = Client().post(vote, {"value": 1}, content_type="application/json")
    token = first.json()["voter_token"]
    # The poster (who holds a reader token): comment, stored vote; savepoint,
    # stored vote under lock, insert, score, thread, release.
    with django_assert_num_queries(8 if sqlite else 10):
        client.post(vote, {"value": -1}, content_type="application/json")
    with django_assert_num_queries(2):  # the same vote again: two reads, no write
        again = client.post(
            vote,
            {"value": 1},
            content_type="application/json",
            headers={"X-Parley-Voter": token},
        )
    assert again.json()["score"] == 0


def test_my_votes_are_per_reader_and_never_cached(client):
    thread = make_thread("k")
    a, b = post(thread, "a"), post(thread, "b")
    voter = Client()
    token = voter.post(
        f"{API}/comments/{a.pk}/vote", {"value": -1}, content_type="application/json"
    ).json()["voter_token"]
    response = Client().get(
        f"{API}/me/votes?comment={a.pk}&comment={b.pk}",
        headers={"X-Parley-Voter": token},
    )
    assert response.json() == {"votes": {str(a.pk): -1}}
    assert response["Cache-Control"] == "private, no-store"
    assert Client().get(f"{API}/me/votes?comment={a.pk}").json() == {"votes": {}}
    assert Client().get(f"{API}/me/votes?comment=0").status_code == 400
    assert Thread.objects.get(key="k").comment_count == 2


def test_scheduled_article_thread_appears_only_when_due(client):
    from parley.newsroom.actions import save_article
    from parley.newsroom.models import Article

    # Written while public; the article is then rescheduled for tomorrow.
    later = make_article()
    post(later.thread, "too early")
    later.status = Article.Status.SCHEDULED
    later.published_at = later.published_at + timedelta(days=2)
    save_article(later)
    assert _list(client, later.thread_key).json()["comments"] == []
    due = make_article(status=Article.Status.SCHEDULED, days_ago=0.01)
    post(due.thread, "on time")
    assert len(_list(client, due.thread_key).json()["comments"]) == 1


def test_local_page_cache_is_bounded_and_evicts_oldest():
    from parley.api.caching import LocalPages

    pages = LocalPages(max_bytes=100)
    pages.put("a", b"x" * 20)
    pages.put("b", b"y" * 20)
    pages.put("huge", b"z" * 30)  # over a quarter of the budget: not kept
    assert pages.get("huge") is None
    assert pages.get("a") == b"x" * 20  # a is now the most recent
    for n in range(4):
        pages.put(f"k{n}", b"w" * 20)
    assert pages.size <= 100
    assert pages.get("b") is None  # the least recently used went first
    assert pages.get("k3") == b"w" * 20

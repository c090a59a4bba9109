"""Page cursors are opaque: only a cursor the server wrote opens a page."""

import base64
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"
INVALID = {
    "errors": {
        "cursor": "This page link is no longer valid; please reload the discussion."
    }
}


def hand_made(*position) -> str:
    """A cursor in the shape the server once wrote: base64 of a JSON list."""
    raw = json.dumps(list(position)).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _page(client, key, query):
    return client.get(f"{API}/threads/{key}/comments{query}")


@pytest.fixture
def thread():
    thread = make_thread("k")
    for i in range(5):
        post(thread, f"comment {i}")
    return thread


@pytest.mark.parametrize(
    "cursor",
    [
        hand_made("oldest", "0001-01-01T00:00:00+14:00", 5),
        hand_made("newest", "9999-12-31T23:59:59-14:00", 5),
        hand_made("votes", 10**40, "0001-01-01T00:00:00+14:00", 5),
    ],
)
def test_a_cursor_at_the_edge_of_the_calendar_answers_400_not_500(
    client, thread, cursor
):
    """The 500 of the review: converting year 1 at UTC+14 to UTC overflowed."""
    sort = json.loads(base64.urlsafe_b64decode(cursor + "=="))[0]
    response = _page(client, "k", f"?sort={sort}&cursor={cursor}")
    assert response.status_code == 400
    assert response.json() == INVALID


def test_a_well_formed_cursor_the_server_did_not_write_is_refused(client, thread):
    """Even a plausible position, hand-made, is not a page link."""
    cursor = hand_made("newest", timezone.now().isoformat(), thread.pk)
    response = _page(client, "k", f"?cursor={cursor}")
    assert response.status_code == 400
    assert response.json() == INVALID


def test_a_tampered_cursor_is_refused(client, thread):
    cursor = _page(client, "k", "?limit=2").json()["next_cursor"]
    for forged in (cursor[:-1] + ("A" if cursor[-1] != "A" else "B"), cursor + "x"):
        assert _page(client, "k", f"?limit=2&cursor={forged}").json() == INVALID
    # A cursor of one sort does not open another.
    assert _page(client, "k", f"?sort=oldest&cursor={cursor}").json() == INVALID


def test_server_cursors_are_compact_stable_and_page_through(client, thread):
    first = _page(client, "k", "?limit=2").json()
    again = _page(client, "k", "?limit=2").json()
    # The same page always links to the same next page, so it is cached once.
    assert first["next_cursor"] == again["next_cursor"]
    assert len(first["next_cursor"]) < 100
    seen, cursor = [], ""
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = _page(client, "k", query).json()
        seen += [c["body_html"] for c in page["comments"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [f"<p>comment {i}</p>" for i in reversed(range(5))]


def test_votes_cursor_pages_through_ties(client, thread):
    seen, cursor = [], ""
    while True:
        query = "?sort=votes&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = _page(client, "k", query).json()
        seen += [c["id"] for c in page["comments"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize(
    ("sort", "cursor"),
    [
        ("oldest", hand_made("oldest", "0001-01-01T00:00:00+14:00", 5)),
        ("newest", hand_made("newest", "9999-12-31T23:59:59-14:00", 5)),
        ("newest", hand_made("newest", timezone.now().isoformat(), 1)),
    ],
)
def test_the_article_page_ignores_a_cursor_it_did_not_write(client, sort, cursor):
    """The page falls back to its first page instead of answering 500."""
    article = make_article()
    comment = post(article.thread, "the first page")
    comment.created_at = timezone.now() - timedelta(minutes=1)
    comment.save(update_fields=["created_at"])
    response = client.get(f"{article.get_absolute_url()}?sort={sort}&cursor={cursor}")
    assert response.status_code == 200
    assert "the first page" in response.content.decode()

"""GET /api/v1/threads/{key}/events as served through WSGI (bounded streams):
what readers are sent, in order, and what they are never sent."""

import io
import sys

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from parley.discussions import actions
from parley.discussions.models import Comment, Thread
from parley.live import streams
from tests.factories import make_article, make_thread, post

from .sse import parse

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture(autouse=True)
def _short_streams(settings):
    """A WSGI stream ends after a moment here (25 seconds in production)."""
    settings.PARLEY_LIVE_WSGI_STREAM_SECONDS = 0.3


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call an action and run what it queued for after its commit, as a
    request would before the next one."""

    def call(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return call


def open_stream(client, key, **headers):
    response = client.get(f"{API}/threads/{key}/events", headers=headers)
    assert response.status_code == 200, response.content
    return response


def read(response) -> list[dict]:
    return parse(b"".join(response.streaming_content))


def test_a_new_stream_says_it_is_ready_with_proxy_friendly_headers(client):
    """No caching, no buffering in proxies, and a `ready` event naming the present."""
    make_thread("k")
    response = open_stream(client, "k")
    assert response["Content-Type"] == "text/event-stream; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response["X-Accel-Buffering"] == "no"
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"retry: 3000\n\n")
    assert [event["event"] for event in parse(raw)] == ["ready"]


def test_comments_edits_votes_and_removals_arrive_in_order(client, committed):
    """Everything readers see change reaches an open stream, in order."""
    thread = make_thread("k")
    response = open_stream(client, "k")
    first = committed(post, thread, "First.")
    reply = committed(post, thread, "A reply.", parent=first)
    committed(actions.edit_comment, first, body="First, edited.")
    committed(actions.cast_vote, first, voter="v:1", value=1)
    committed(actions.delete_comment, reply)
    events = read(response)
    assert [
        (e["event"], e["data"].get("id") or e["data"]["comment"]["id"])
        for e in events[1:]
    ] == [
        ("comment", first.pk),
        ("comment", reply.pk),
        ("update", first.pk),
        ("vote", first.pk),
        ("remove", reply.pk),
    ]
    assert events[1]["data"]["count"] == 1
    assert events[2]["data"]["comment"]["parent"] == first.pk
    assert events[3]["data"]["comment"]["body_html"] == "<p>First, edited.</p>"
    assert events[4]["data"] == {
        "id": first.pk,
        "score": 1,
        "upvotes": 1,
        "downvotes": 0,
    }
    assert events[5]["data"] == {"id": reply.pk, "count": 1}
    assert len({e["id"] for e in events}) == len(events)


def test_a_comment_is_sent_as_the_api_shows_it_to_anyone(
    client, django_capture_on_commit_callbacks
):
    """The event's comment is the public JSON of the thread's page: no e-mail,
    nothing for one reader."""
    thread = make_thread("k")
    response = open_stream(client, "k")
    with django_capture_on_commit_callbacks(execute=True):
        post(thread, "Hello *there*", name="Ada", email="ada@example.org")
    sent = read(response)[1]["data"]["comment"]
    listed = client.get(f"{API}/threads/k/comments").json()["comments"][0]
    assert sent == listed
    assert "ada@example.org" not in str(sent)


def test_held_and_rejected_comments_never_reach_a_stream(
    client, django_capture_on_commit_callbacks
):
    """A comment held at posting, held by an edit or rejected is sent to no one;
    once approved it is sent as new."""
    thread = make_thread("k")
    Thread.objects.filter(pk=thread.pk).update(premoderate=True)
    thread.refresh_from_db()
    response = open_stream(client, "k")
    with django_capture_on_commit_callbacks(execute=True):
        held = post(thread, "Held words.")
        rejected = post(thread, "Rejected words.")
        actions.set_comment_status(rejected, Comment.Status.REJECTED)
        actions.edit_comment(held, body="Held, edited.")
    assert held.status == Comment.Status.PENDING
    raw = b"".join(response.streaming_content)
    assert [event["event"] for event in parse(raw)] == ["ready"]
    assert b"Held" not in raw and b"Rejected" not in raw
    response = open_stream(client, "k")
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_comment_status(held, Comment.Status.PUBLISHED)
    events = read(response)
    assert [(e["event"], e["data"]["comment"]["id"]) for e in events[1:]] == [
        ("comment", held.pk)
    ]


def test_moderation_that_hides_a_comment_removes_it(
    client, django_capture_on_commit_callbacks
):
    thread = make_thread("k")
    comment = post(thread, "Soon hidden.")
    response = open_stream(client, "k")
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_comment_status(comment, Comment.Status.REJECTED)
    events = read(response)
    assert [(e["event"], e["data"]) for e in events[1:]] == [
        ("remove", {"id": comment.pk, "count": 0})
    ]


def test_a_deleted_comment_with_replies_is_sent_as_its_placeholder(
    client, django_capture_on_commit_callbacks
):
    thread = make_thread("k")
    parent = post(thread, "Parent words.", name="Ada")
    post(thread, "A reply.", parent=parent)
    response = open_stream(client, "k")
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_comment(parent)
    (event,) = read(response)[1:]
    assert event["event"] == "update"
    assert event["data"]["comment"]["is_deleted"] is True
    assert event["data"]["comment"]["author"]["name"] == ""
    assert event["data"]["comment"]["body_html"] == ""


def test_reconnecting_with_last_event_id_replays_what_was_missed(
    client, django_capture_on_commit_callbacks
):
    thread = make_thread("k")
    ready = read(open_stream(client, "k"))[0]
    with django_capture_on_commit_callbacks(execute=True):
        one = post(thread, "One.")
        two = post(thread, "Two.")
    events = read(open_stream(client, "k", **{"Last-Event-ID": ready["id"]}))
    assert [e["data"]["comment"]["id"] for e in events] == [one.pk, two.pk]
    again = read(open_stream(client, "k", **{"Last-Event-ID": events[0]["id"]}))
    assert [e["data"]["comment"]["id"] for e in again] == [two.pk]
    since = client.get(f"{API}/threads/k/events", {"since": events[0]["id"]})
    assert [e["data"]["comment"]["id"] for e in read(since)] == [two.pk]


def test_an_unknown_last_event_id_asks_the_widget_to_reload(client):
    make_thread("k")
    events = read(open_stream(client, "k", **{"Last-Event-ID": "not-an-id"}))
    assert [event["event"] for event in events] == ["reload"]


def test_an_unknown_thread_is_a_clear_404(client):
    response = client.get(f"{API}/threads/no-such-thread/events")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no such thread."}
    response = client.get(f"{API}/threads/{'x' * 300}/events")
    assert response.status_code == 404
    assert response.json() == {
        "errors": {
            "thread": "A thread key is 1 to 255 printable characters without spaces."
        }
    }


def test_an_unpublished_articles_thread_is_not_found(client):
    article = make_article(status="draft")
    response = client.get(f"{API}/threads/{article.thread.key}/events")
    assert response.status_code == 404


def test_the_fast_path_never_keeps_a_stream(one_connection):
    """Two GETs of a stream through the fast path both reach Django."""
    from parley.config.wsgi import application

    make_thread("k")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": f"{API}/threads/k/events",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    statuses = []
    for _ in range(2):
        body = application(
            dict(environ), lambda status, headers, exc=None: statuses.append(status)
        )
        b"".join(body)
        getattr(body, "close", lambda: None)()
    assert statuses == ["200 OK", "200 OK"]
    assert application.entries.get(application._address(environ)) is None
    assert streams.HEADERS["Cache-Control"] == "no-cache"


@pytest.fixture
def one_connection():
    """Keep the test's connection open across WSGI calls (they close it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)

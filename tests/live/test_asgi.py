"""The ASGI entry point: a thread's events on the event loop, open until the
reader leaves; every other request to the WSGI application."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from parley.config.asgi import application
from parley.discussions import actions
from tests.factories import make_thread, post

from .sse import parse

pytestmark = pytest.mark.django_db(transaction=True)


def run(coroutine):
    """Run a coroutine on a loop of its own in another thread: the browser
    tests' Playwright keeps an event loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class Exchange:
    """One request to the ASGI application, read as it streams."""

    def __init__(self, path: str, headers=(), query: bytes = b""):
        self.scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query,
            "root_path": "",
            "headers": [(b"host", b"localhost"), *headers],
            "client": ("127.0.0.1", 5000),
            "server": ("127.0.0.1", 8100),
        }
        self.messages: asyncio.Queue = asyncio.Queue()
        self.left = asyncio.Event()
        self.sent_request = False
        self.status = None
        self.headers: dict = {}
        self.body = b""

    async def receive(self):
        if not self.sent_request:
            self.sent_request = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self.left.wait()
        return {"type": "http.disconnect"}

    async def send(self, message):
        await self.messages.put(message)

    def start(self):
        return asyncio.ensure_future(application(self.scope, self.receive, self.send))

    async def read_until(self, count: int, timeout: float = 5) -> list[dict]:
        """Read until `count` events have arrived; return them all."""
        async with asyncio.timeout(timeout):
            while len(parse(self.body)) < count:
                await self._next()
        return parse(self.body)

    async def read_to_end(self, timeout: float = 5) -> bytes:
        async with asyncio.timeout(timeout):
            while not await self._next():
                pass
        return self.body

    async def _next(self) -> bool:
        message = await self.messages.get()
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = {k.decode(): v.decode() for k, v in message["headers"]}
            return False
        self.body += message.get("body", b"")
        return not message.get("more_body", False)


def test_a_stream_stays_open_and_carries_comments_until_the_reader_leaves(
    settings,
):
    """Through ASGI a stream is not bounded like WSGI's: a comment posted after
    the WSGI bound still arrives; the stream ends when the reader leaves."""
    settings.PARLEY_LIVE_WSGI_STREAM_SECONDS = 0.1
    thread = make_thread("k")

    async def main():
        exchange = Exchange("/api/v1/threads/k/events")
        task = exchange.start()
        await exchange.read_until(1)
        await asyncio.sleep(0.3)
        comment = await asyncio.to_thread(post, thread, "Live words.")
        events = await exchange.read_until(2)
        exchange.left.set()
        await asyncio.wait_for(task, 5)
        return exchange, comment, events

    exchange, comment, events = run(main())
    assert exchange.status == 200
    assert exchange.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert exchange.headers["cache-control"] == "no-cache"
    assert exchange.headers["x-accel-buffering"] == "no"
    assert [e["event"] for e in events] == ["ready", "comment"]
    assert events[1]["data"]["comment"]["id"] == comment.pk


def test_a_key_with_a_slash_and_a_space_escaped_names_its_thread():
    make_thread("blog:2026/coast%20walk")

    async def main():
        exchange = Exchange("/api/v1/threads/blog:2026/coast%20walk/events")
        task = exchange.start()
        events = await exchange.read_until(1)
        exchange.left.set()
        await task
        return exchange.status, events

    status, events = run(main())
    assert status == 200
    assert events[0]["event"] == "ready"


def test_heartbeats_keep_an_idle_stream_open(settings):
    settings.PARLEY_LIVE_HEARTBEAT_SECONDS = 0.1
    make_thread("k")

    async def main():
        exchange = Exchange("/api/v1/threads/k/events")
        task = exchange.start()
        async with asyncio.timeout(5):
            while exchange.body.count(b": heartbeat\n\n") < 2:
                await exchange._next()
        exchange.left.set()
        await asyncio.wait_for(task, 5)

    run(main())


def test_resuming_through_asgi_replays_what_was_missed():
    thread = make_thread("k")
    first = post(thread, "One.")
    second = post(thread, "Two.")  # sent by nobody: nobody was listening

    async def main():
        opening = Exchange("/api/v1/threads/k/events")
        task = opening.start()
        (ready,) = await opening.read_until(1)
        opening.left.set()
        await task
        await asyncio.to_thread(actions.edit_comment, first, body="One, edited.")
        await asyncio.to_thread(actions.cast_vote, second, voter="v:1", value=1)
        resumed = Exchange(
            "/api/v1/threads/k/events", [(b"last-event-id", ready["id"].encode())]
        )
        task = resumed.start()
        events = await resumed.read_until(2)
        resumed.left.set()
        await task
        return events

    events = run(main())
    assert [(e["event"], e["data"].get("id")) for e in events] == [
        ("update", None),
        ("vote", second.pk),
    ]


def test_an_unknown_thread_is_answered_by_the_api_as_a_404():
    async def main():
        exchange = Exchange("/api/v1/threads/nothing-here/events")
        exchange.start()
        await exchange.read_to_end()
        return exchange

    exchange = run(main())
    assert exchange.status == 404
    assert exchange.body == b'{"detail": "There is no such thread."}'


def test_embed_origins_may_read_a_stream(settings):
    make_thread("k")

    async def main(origin: bytes):
        exchange = Exchange("/api/v1/threads/k/events", [(b"origin", origin)])
        task = exchange.start()
        await exchange.read_until(1)
        exchange.left.set()
        await task
        return exchange.headers

    allowed = run(main(b"http://embed.example"))
    assert allowed["access-control-allow-origin"] == "http://embed.example"
    refused = run(main(b"http://evil.example"))
    assert "access-control-allow-origin" not in refused


def test_every_other_request_reaches_the_wsgi_application():
    """Pages and the rest of the API are served as under WSGI."""
    make_thread("k")

    async def main(path):
        exchange = Exchange(path)
        exchange.start()
        await exchange.read_to_end()
        return exchange

    listing = run(main("/api/v1/threads/k/comments"))
    assert listing.status == 200
    assert listing.headers["content-type"] == "application/json"
    assert run(main("/api/v1/nothing")).status == 404

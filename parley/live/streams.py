"""
A thread's event stream (Server-Sent Events), served two ways.

Through ASGI (parley.config.asgi, under granian) a stream is a coroutine on the
event loop: it holds no thread while it waits, so one process keeps thousands
open, and it stays open (with a heartbeat comment for proxies) until the reader
leaves. Through WSGI (Django's development and test servers, or granian's WSGI
interface) a stream holds a thread, so it ends after
PARLEY_LIVE_WSGI_STREAM_SECONDS and the browser's EventSource reconnects,
resuming from its Last-Event-ID.

A stream starts with a `retry` hint, then either the events the reader missed
since the id they sent, or a `reload` event (that id is unknown or too old:
fetch the first page again), or a `ready` event whose id names the present.
"""

import asyncio
import logging
import queue
import time
from urllib.parse import parse_qs

from django.db import close_old_connections

from parley.discussions import actions, queries
from parley.discussions.errors import DiscussionError

from . import conf
from .bus import CLOSE, Listener, Opened, encode, get_bus

logger = logging.getLogger(__name__)

HEADERS = {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache",
    # nginx and others buffer answers unless told not to.
    "X-Accel-Buffering": "no",
}
RETRY = b"retry: 3000\n\n"
HEARTBEAT = b": heartbeat\n\n"
# Where a reader with no EventSource id left (a new EventSource after a failure)
# says where they were.
SINCE_PARAMETER = "since"
# Ids are shorter; a longer Last-Event-ID is cut (and unknown: reload).
MAX_ID_LENGTH = 64


def thread_id_for(key: str) -> int | None:
    """Return the id of the visible thread with this key, or None."""
    try:
        actions.validate_thread_key(key)
    except DiscussionError:
        return None
    state = queries.thread_state(key)
    return state.pk if state is not None and state.is_visible else None


def prelude(opened: Opened) -> tuple[bytes, tuple]:
    """Return what a stream sends first, and the order of the last event in it
    (later deliveries at or before it are the same events again)."""
    if opened.missed is None:
        return RETRY + encode(opened.position, "reload", "{}"), ()
    if not opened.missed:
        # Whatever reached the inbox since it was subscribed is newer.
        return RETRY + encode(opened.position, "ready", "{}"), ()
    missed = b"".join(event.wire for event in opened.missed)
    return RETRY + missed, opened.missed[-1].order


def _is_new(event, last_order: tuple) -> bool:
    return not last_order or event.order > last_order


# ----- through WSGI: bounded, holding a thread -----


def open_sync(key: str, last_id: str):
    """Return (thread_id, listener, opened) for a WSGI stream, or None if
    there is no such thread."""
    thread_id = thread_id_for(key)
    if thread_id is None:
        return None
    listener = Listener()
    opened = get_bus().open(thread_id, listener, last_id)
    return thread_id, listener, opened


def wsgi_stream(thread_id: int, listener: Listener, opened: Opened):
    """Yield the stream's bytes until PARLEY_LIVE_WSGI_STREAM_SECONDS pass."""
    bus = get_bus()
    deadline = time.monotonic() + conf.wsgi_stream_seconds()
    heartbeat = conf.heartbeat_seconds()
    try:
        first, last_order = prelude(opened)
        yield first
        while (left := deadline - time.monotonic()) > 0:
            try:
                item = listener.queue.get(timeout=min(heartbeat, left))
            except queue.Empty:
                yield HEARTBEAT
                continue
            if item is CLOSE:
                return
            if _is_new(item, last_order):
                last_order = item.order
                yield item.wire
    finally:
        bus.close(thread_id, listener)


# ----- through ASGI: open until the reader leaves -----

EVENTS_PREFIX = "/api/v1/threads/"
EVENTS_SUFFIX = "/events"


def events_key(scope) -> str | None:
    """Return the thread key if this request is a GET of a thread's events
    (the ASGI path is decoded already, as WSGI's PATH_INFO is)."""
    path = scope.get("path", "")
    if (
        scope.get("type") != "http"
        or scope.get("method") != "GET"
        or not path.startswith(EVENTS_PREFIX)
        or not path.endswith(EVENTS_SUFFIX)
    ):
        return None
    return path[len(EVENTS_PREFIX) : -len(EVENTS_SUFFIX)] or None


def last_event_id(headers, query: str) -> str | None:
    """Return the Last-Event-ID header, or else the `since` query parameter
    (None if that is too long: the API refuses it)."""
    for name, value in headers:
        if name == b"last-event-id":
            return value.decode("latin-1")[:MAX_ID_LENGTH]
    since = parse_qs(query).get(SINCE_PARAMETER, [""])[0]
    return since if len(since) <= MAX_ID_LENGTH else None


def _open_for_loop(key: str, last_id: str, listener: Listener):
    """The blocking part of opening a stream, run in a worker thread."""
    close_old_connections()
    try:
        thread_id = thread_id_for(key)
        if thread_id is None:
            return None
        return thread_id, get_bus().open(thread_id, listener, last_id)
    finally:
        close_old_connections()


async def serve(scope, receive, send, key: str, fallback, allow_origin) -> None:
    """Serve a thread's events on the event loop; anything that is not a
    stream to open (no such thread, the database or Redis away) is answered
    by `fallback`, the WSGI application, exactly as the API answers it."""
    headers = scope.get("headers", [])
    last_id = last_event_id(headers, scope.get("query_string", b"").decode("latin-1"))
    if last_id is None:
        await fallback(scope, receive, send)
        return
    listener = Listener(asyncio.get_running_loop())
    try:
        found = await asyncio.to_thread(_open_for_loop, key, last_id, listener)
    except Exception as error:
        logger.warning("Live stream not opened: %s", error)
        found = None
    if found is None:
        await fallback(scope, receive, send)
        return
    thread_id, opened = found
    bus = get_bus()
    try:
        await _stream(scope, receive, send, listener, opened, allow_origin)
    finally:
        bus.close(thread_id, listener)


async def _stream(scope, receive, send, listener, opened, allow_origin):
    response_headers = [
        (name.lower().encode(), value.encode()) for name, value in HEADERS.items()
    ]
    origin = allow_origin(scope.get("headers", []))
    if origin:
        response_headers.append((b"access-control-allow-origin", origin.encode()))
    response_headers.append((b"vary", b"Origin"))
    inbox = listener.queue
    first, last_order = prelude(opened)

    async def watch_disconnect():
        while (await receive())["type"] != "http.disconnect":
            pass
        inbox.put_nowait(CLOSE)

    watcher = asyncio.ensure_future(watch_disconnect())
    heartbeat = conf.heartbeat_seconds()
    try:
        await send(
            {"type": "http.response.start", "status": 200, "headers": response_headers}
        )
        await send({"type": "http.response.body", "body": first, "more_body": True})
        while True:
            try:
                async with asyncio.timeout(heartbeat):
                    item = await inbox.get()
            except TimeoutError:
                await send(
                    {"type": "http.response.body", "body": HEARTBEAT, "more_body": True}
                )
                continue
            if item is CLOSE:
                break
            if _is_new(item, last_order):
                last_order = item.order
                await send(
                    {"type": "http.response.body", "body": item.wire, "more_body": True}
                )
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    except Exception as error:  # the reader has gone (how depends on the server)
        logger.debug("Live stream ended: %s", error)
    finally:
        watcher.cancel()

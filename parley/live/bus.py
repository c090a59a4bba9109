"""
The event bus: what happened in a thread, in order, for every open stream.

An event is published once (its JSON and its Server-Sent Events bytes built
once) and handed to every stream open on its thread, in the order published,
with an id a reader who reconnects sends back (Last-Event-ID) to be given what
they missed, or told to reload when that is no longer known.

LocalBus keeps it all in this process (one app process, no Redis): a ring of
recent events per thread. RedisBus spreads it across app processes: a capped
Redis stream per thread (XADD MAXLEN ~) holds the recent events and names
them, and one pub/sub channel carries each to every process, where one
listener thread hands it to that process's streams. Both run the same Lua
script step for a publish, so ids and deliveries are in one order.

A stream's inbox (Listener) is filled from any thread: a queue.SimpleQueue for
a stream served through WSGI, an asyncio.Queue for one on an event loop (a
whole event's fan-out to one loop is one call_soon_threadsafe).
"""

import asyncio
import contextlib
import functools
import logging
import queue
import secrets
import threading
import time
from collections import OrderedDict, deque
from typing import NamedTuple

import redis

from . import conf

logger = logging.getLogger(__name__)

# Put in an inbox when events may have been lost (the bus lost Redis): the
# stream ends, and the reader's browser reconnects and resumes from its last id.
CLOSE = "close"


class Event:
    """One thing that happened in a thread, encoded once for every stream."""

    __slots__ = ("data", "id", "name", "order", "wire")

    def __init__(self, event_id: str, name: str, data: str, order: tuple):
        self.id, self.name, self.data, self.order = event_id, name, data, order
        self.wire = encode(event_id, name, data)

    def __repr__(self):
        return f"Event({self.id!r}, {self.name!r})"


def encode(event_id: str, name: str, data: str) -> bytes:
    """Return an event as Server-Sent Events bytes (data is one line of JSON)."""
    return f"id: {event_id}\nevent: {name}\ndata: {data}\n\n".encode()


class Listener:
    """One open stream's inbox."""

    __slots__ = ("loop", "queue")

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None):
        self.loop = loop
        self.queue = asyncio.Queue() if loop is not None else queue.SimpleQueue()


class Opened(NamedTuple):
    """What a stream starts with: the events after the reader's last id (None:
    they are no longer known, the reader must reload), and an id naming the
    present, for a reader who had none."""

    missed: list[Event] | None
    position: str


# Inboxes woken at a time on a loop: between batches, whatever else is ready
# there (the answer to the very post that was published, other requests) runs,
# instead of waiting behind every stream's write.
FAN_BATCH = 256


def _fan(loop, queues: list, item, start: int = 0) -> None:
    for inbox in queues[start : start + FAN_BATCH]:
        inbox.put_nowait(item)
    if start + FAN_BATCH < len(queues):
        loop.call_soon(_fan, loop, queues, item, start + FAN_BATCH)


class Topics:
    """The inboxes open on each thread in this process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open: dict[int, set[Listener]] = {}

    def add(self, thread_id: int, listener: Listener) -> None:
        with self._lock:
            self._open.setdefault(thread_id, set()).add(listener)

    def discard(self, thread_id: int, listener: Listener) -> None:
        with self._lock:
            listeners = self._open.get(thread_id)
            if listeners is not None:
                listeners.discard(listener)
                if not listeners:
                    del self._open[thread_id]

    def count(self) -> int:
        with self._lock:
            return sum(len(listeners) for listeners in self._open.values())

    def deliver(self, thread_id: int | None, item) -> None:
        """Hand an event to every inbox on the thread (None: on every thread)."""
        with self._lock:
            if thread_id is None:
                listeners = [ln for group in self._open.values() for ln in group]
            else:
                listeners = list(self._open.get(thread_id, ()))
        loops: dict = {}
        for listener in listeners:
            if listener.loop is None:
                listener.queue.put(item)
            else:
                loops.setdefault(listener.loop, []).append(listener.queue)
        for loop, queues in loops.items():
            # A loop that has closed has no streams left to tell.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_fan, loop, queues, item)


class LocalBus:
    """Events in this process only: enough for one app process."""

    # Threads whose recent events are kept; a reader of a thread forgotten
    # since their last id reloads.
    MAX_THREADS = 2000

    def __init__(self, history: int = 100):
        self.history = history
        self.topics = Topics()
        self._lock = threading.Lock()
        self._boot = secrets.token_hex(4)  # ids from before a restart are unknown
        self._seq = 0
        self._rings: OrderedDict[int, deque] = OrderedDict()
        self._dropped: dict[int, int] = {}  # the last seq a full ring let go
        self._forgotten = 0  # the last seq of any ring forgotten whole

    def publish(self, thread_id: int, name: str, data: str) -> str:
        """Publish the event to this process's streams; return its id."""
        with self._lock:
            self._seq += 1
            event = Event(f"{self._boot}-{self._seq}", name, data, (self._seq,))
            ring = self._rings.get(thread_id)
            if ring is None:
                ring = self._rings[thread_id] = deque(maxlen=self.history)
                if len(self._rings) > self.MAX_THREADS:
                    old_id, old = self._rings.popitem(last=False)
                    self._dropped.pop(old_id, None)
                    self._forgotten = max(self._forgotten, old[-1].order[0])
            else:
                self._rings.move_to_end(thread_id)
            if len(ring) == ring.maxlen:
                self._dropped[thread_id] = ring[0].order[0]
            ring.append(event)
            # Delivered under the lock: every inbox gets events in id order.
            self.topics.deliver(thread_id, event)
        return event.id

    def open(self, thread_id: int, listener: Listener, last_id: str) -> Opened:
        with self._lock:
            self.topics.add(thread_id, listener)
            position = f"{self._boot}-{self._seq}"
            return Opened(self._missed(thread_id, last_id), position)

    def close(self, thread_id: int, listener: Listener) -> None:
        self.topics.discard(thread_id, listener)

    def _missed(self, thread_id: int, last_id: str) -> list[Event] | None:
        if not last_id:
            return []
        boot, _, seq = last_id.partition("-")
        if boot != self._boot or not seq.isdigit() or int(seq) > self._seq:
            return None
        seq = int(seq)
        ring = self._rings.get(thread_id)
        if ring is None:
            return None if seq < self._forgotten else []
        if seq < self._dropped.get(thread_id, 0):
            return None
        return [event for event in ring if event.order[0] > seq]


# Add an event to the thread's capped stream, keep the stream while it is in
# use, and publish it with its id: one step, so the channel carries events in
# the order of their ids.
PUBLISH_SCRIPT = """
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'n', ARGV[2], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PUBLISH', ARGV[1], ARGV[6] .. ' ' .. id .. ' ' .. ARGV[2] .. ' ' .. ARGV[3])
return id
"""  # noqa: E501

# The position of a thread with no event yet.
NO_EVENT_YET = "0-0"


def _order(stream_id: str) -> tuple[int, int] | None:
    ms, _, seq = stream_id.partition("-")
    if not (ms.isdigit() and seq.isdigit()) or len(ms) > 20 or len(seq) > 20:
        return None
    return int(ms), int(seq)


class RedisBus:
    """Events across app processes through Redis."""

    def __init__(self, url: str, prefix: str, history: int = 100, retain: int = 86400):
        self.prefix, self.history, self.retain = prefix, history, retain
        self.channel = f"{prefix}events"
        self.topics = Topics()
        self.client = redis.Redis.from_url(
            url, socket_timeout=2, socket_connect_timeout=2
        )
        self._url = url
        self._script = self.client.register_script(PUBLISH_SCRIPT)
        self._ready = threading.Event()
        self._started = False
        self._start_lock = threading.Lock()

    def key(self, thread_id: int) -> str:
        return f"{self.prefix}thread:{thread_id}"

    def publish(self, thread_id: int, name: str, data: str) -> str | None:
        """Publish the event; return its id, or None if Redis is away (the
        event is lost; readers see it on their next page load)."""
        try:
            event_id = self._script(
                keys=[self.key(thread_id)],
                args=[
                    self.channel,
                    name,
                    data,
                    self.history,
                    self.retain * 1000,
                    thread_id,
                ],
            )
        except redis.RedisError as error:
            logger.warning("Live event not published (Redis): %s", error)
            return None
        return event_id.decode()

    def open(self, thread_id: int, listener: Listener, last_id: str) -> Opened:
        """Subscribe the inbox, then read what it missed: an event published in
        between is in both, and the stream drops the second by its id."""
        self._start()
        if not self._ready.wait(timeout=5):
            raise redis.ConnectionError("The live bus is not listening.")
        self.topics.add(thread_id, listener)
        try:
            return self._opened(thread_id, last_id)
        except redis.RedisError:
            self.topics.discard(thread_id, listener)
            raise

    def close(self, thread_id: int, listener: Listener) -> None:
        self.topics.discard(thread_id, listener)

    def _opened(self, thread_id: int, last_id: str) -> Opened:
        """Resume only from an id the stream still holds (then what follows it
        is complete), or from "0-0", the position of a thread with no event
        yet, while nothing was trimmed."""
        key = self.key(thread_id)
        pipe = self.client.pipeline(transaction=False)
        pipe.xrevrange(key, count=1)
        pipe.time()
        last, (seconds, _micros) = pipe.execute()
        position = last[0][0].decode() if last else NO_EVENT_YET
        if not last_id:
            return Opened([], position)
        order = _order(last_id)
        if order is None:
            return Opened(None, position)
        if last_id == NO_EVENT_YET:
            if not last:
                return Opened([], position)
            info = self.client.xinfo_stream(key)
            if info["entries-added"] != info["length"]:
                return Opened(None, position)  # trimmed since
            start = "-"
        elif order[0] < (seconds - self.retain) * 1000:
            return Opened(None, position)
        else:
            start = last_id
        entries = self.client.xrange(key, min=start, count=self.history + 1)
        if start != "-":
            if not entries or entries[0][0].decode() != last_id:
                return Opened(None, position)  # trimmed, or never ours
            entries = entries[1:]
        return Opened([self._event(i, fields) for i, fields in entries], position)

    @staticmethod
    def _event(entry_id: bytes, fields: dict) -> Event:
        event_id = entry_id.decode()
        return Event(
            event_id, fields[b"n"].decode(), fields[b"d"].decode(), _order(event_id)
        )

    # ----- the listener thread -----

    def _start(self) -> None:
        with self._start_lock:
            if not self._started:
                self._started = True
                threading.Thread(
                    target=self._listen, name="parley-live-bus", daemon=True
                ).start()

    def _listen(self) -> None:
        pause = 0.5
        while True:
            try:
                client = redis.Redis.from_url(
                    self._url, socket_connect_timeout=2, socket_keepalive=True
                )
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                pubsub.get_message(timeout=2)  # the subscription's confirmation
                self._ready.set()
                pause = 0.5
                for message in pubsub.listen():
                    if message["type"] == "message":
                        self._dispatch(message["data"])
            except Exception as error:  # Redis away: keep trying
                logger.warning("Live bus lost Redis: %s", error)
            self._ready.clear()
            # Events may have passed unheard: streams end and their readers
            # reconnect and resume from what Redis holds.
            self.topics.deliver(None, CLOSE)
            time.sleep(pause)
            pause = min(pause * 2, 10)

    def _dispatch(self, raw: bytes) -> None:
        try:
            thread_id, event_id, name, data = raw.decode().split(" ", 3)
            event = Event(event_id, name, data, _order(event_id))
            self.topics.deliver(int(thread_id), event)
        except Exception:
            logger.exception("Live bus: an unreadable message")


@functools.cache
def _bus(url: str, prefix: str, history: int, retain: int):
    if url:
        return RedisBus(url, prefix, history=history, retain=retain)
    return LocalBus(history=history)


def get_bus() -> LocalBus | RedisBus:
    """Return this process's bus: Redis's when PARLEY_LIVE_REDIS_URL is set."""
    return _bus(
        conf.redis_url(), conf.channel_prefix(), conf.history(), conf.retain_seconds()
    )

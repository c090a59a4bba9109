"""Live updates across app processes: a comment posted through one reaches a
stream open on another, through Redis pub/sub."""

import http.client
import time

import pytest
import redis

from tests.factories import make_thread
from tests.helpers import live_redis


class Stream:
    """An open event stream, read line by line as a browser would."""

    def __init__(self, app, key: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
        self.connection.request("GET", f"/api/v1/threads/{key}/events")
        self.response = self.connection.getresponse()

    def next_event(self, timeout: float = 5) -> dict:
        self.connection.sock.settimeout(timeout)
        fields: dict = {}
        while True:
            line = self.response.fp.readline().decode().rstrip("\n")
            if not line:
                if "event" in fields:
                    return fields
                continue
            if not line.startswith(":"):
                name, _, value = line.partition(": ")
                fields[name] = value

    def close(self):
        self.connection.close()


@pytest.fixture
def shared_redis():
    url, prefix = live_redis()
    yield {"REDIS_URL": url, "PARLEY_LIVE_CHANNEL_PREFIX": prefix}
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=prefix + "*"):
        client.delete(key)


def test_a_comment_posted_on_one_process_reaches_a_stream_on_another(
    start_app, shared_redis
):
    make_thread("blog:two-processes")
    writer = start_app("live-a", env=shared_redis)
    reader = start_app("live-b", env=shared_redis)
    stream = Stream(reader, "blog:two-processes")
    try:
        assert stream.response.status == 200
        assert stream.response.getheader("Content-Type").startswith("text/event-stream")
        assert stream.next_event()["event"] == "ready"
        started = time.monotonic()
        status, _headers, posted = writer.request(
            "POST",
            "/api/v1/threads/blog:two-processes/comments",
            {"body": "Across processes.", "name": "Ada"},
        )
        assert status == 201, posted
        event = stream.next_event()
        elapsed = time.monotonic() - started
    finally:
        stream.close()
    assert event["event"] == "comment"
    assert f'"id":{posted["id"]},' in event["data"]
    assert elapsed < 2, f"took {elapsed:.2f}s"

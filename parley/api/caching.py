"""
Shared caching of public API reads.

A thread page is the same for every reader, so it is rendered to JSON once per
thread version and kept in the cache (Redis when configured, so every app
process shares it). Its ETag carries the version: a reader who already has the
page gets a 304 for the price of one indexed lookup.
"""

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

PAGE_TTL_SECONDS = 3600
# Browsers revalidate every time (cheap: a 304), so a reader never sees a page
# older than their own last write; a CDN may serve a page for a few seconds.
# No stale-while-revalidate: browsers honour it too and would show stale pages.
SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=5"
PRIVATE_CACHE_CONTROL = "private, no-store"
LOCAL_CACHE_BYTES = 32 * 1024 * 1024


class LocalPages:
    """
    A small in-process LRU of page bodies, in front of the shared cache.

    Safe only because keys carry the thread version: an entry is never wrong,
    at worst unused. It spares the network round trip to Redis on hot pages.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            body = self.entries.get(key)
            if body is not None:
                self.entries.move_to_end(key)
            return body

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0

    def put(self, key: str, body: bytes) -> None:
        if len(body) > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = body
            self.size += len(body)
            while self.size > self.max_bytes:
                _key, evicted = self.entries.popitem(last=False)
                self.size -= len(evicted)


local_pages = LocalPages(LOCAL_CACHE_BYTES)


def page_etag(thread_id: int | None, version: int, *parts: object) -> str:
    """Return a strong ETag for one view of one version of a thread."""
    digest = hashlib.blake2s(
        "\x1f".join(str(part) for part in parts).encode(), digest_size=10
    ).hexdigest()
    return f'"{thread_id or 0}.{version}.{digest}"'


def _client_has(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in tags or "*" in tags


def cached_json_response(
    request: HttpRequest, etag: str, build: Callable[[], dict]
) -> HttpResponse:
    """
    Answer with the JSON for this ETag: 304 if the client has it, else from the
    cache, else built now and cached. A cache outage only costs speed.
    """
    headers = {"ETag": etag, "Cache-Control": SHARED_CACHE_CONTROL}
    if _client_has(request, etag):
        return HttpResponse(status=304, headers=headers)
    key = f"parley:page:{etag.strip(chr(34))}"
    body = local_pages.get(key)
    if body is None:
        body = _cache_get(key)
        if body is None:
            body = json.dumps(
                build(), cls=DjangoJSONEncoder, separators=(",", ":")
            ).encode()
            _cache_set(key, body)
        local_pages.put(key, body)
    return HttpResponse(body, content_type="application/json", headers=headers)


def _cache_get(key: str) -> bytes | None:
    try:
        return cache.get(key)
    except Exception:  # the cache server is down: serve from the database
        logger.warning("Cache unavailable; reading %s from the database", key)
        return None


def _cache_set(key: str, body: bytes) -> None:
    try:
        cache.set(key, body, PAGE_TTL_SECONDS)
    except Exception:
        logger.warning("Cache unavailable; not keeping %s", key)

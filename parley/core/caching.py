"""
What every cached read shares: an in-process LRU in front of the shared cache,
the shared cache reached so that its outage only costs speed, and the
If-None-Match test. The API's thread pages, the shared pages and the fast path
all use these.
"""

import logging
import threading
from collections import OrderedDict

from django.core.cache import cache

logger = logging.getLogger(__name__)


class LocalPages:
    """
    An in-process LRU, bounded in bytes, in front of the shared cache. Safe
    because keys carry versions: an entry is never wrong, at worst unused.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, tuple[int, object]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def put(self, key: str, value, size: int | None = None) -> None:
        """Keep `value` (bytes, or anything with its `size` given); one over a
        quarter of the budget is not kept."""
        size = len(value) if size is None else size
        if size > self.max_bytes // 4:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= old[0]
            self.entries[key] = (size, value)
            self.size += size
            while self.size > self.max_bytes:
                _key, (evicted, _value) = self.entries.popitem(last=False)
                self.size -= evicted

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Return True if an If-None-Match header value names this ETag (weak
    comparison, as RFC 9110 asks of If-None-Match) or is "*"."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in tags or "*" in tags


def cache_get(key: str):
    """Return the shared cache's value, or None, also while it is down."""
    try:
        return cache.get(key)
    except Exception:  # the cache server is down: build from the database
        logger.warning("Cache unavailable; building %s anew", key)
        return None


def cache_set(key: str, value, seconds: int) -> None:
    """Keep a value in the shared cache, unless it is down."""
    try:
        cache.set(key, value, seconds)
    except Exception:
        logger.warning("Cache unavailable; not keeping %s", key)

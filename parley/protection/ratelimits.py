"""
Rate limits per action and key (an address hash, a reader identity).

Counting is done by the `limits` library's fixed-window strategy over one of
two storages: its own Redis storage when PARLEY_PROTECTION_REDIS_URL is set,
and otherwise `DatabaseStorage`, a `limits` storage over the RateCounter model
registered under the scheme "parley-db". Fixed windows cost one counter per key
and limit, which a database can keep with one upsert per hit.

Limits come from PARLEY_RATE_LIMITS ("5/minute;30/hour" per action); an action
without a limit is never refused.
"""

import functools
import hashlib
import logging
import math
import time
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache

from django.db import DatabaseError, connections
from limits import RateLimitItem
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from redis.exceptions import RedisError

from parley.core.db import write_transaction

from . import conf
from .models import RateCounter

REDIS_KEY_PREFIX = "parley-limits"
# Expired counters are deleted by the first write after this many seconds.
PURGE_INTERVAL = 60.0
# One statement counts a hit, or starts the window over if it has ended; the
# same text runs on SQLite (3.35+) and PostgreSQL.
UPSERT = """
INSERT INTO "protection_ratecounter" ("key", "count", "expires_at")
VALUES (%s, %s, %s)
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN "protection_ratecounter"."expires_at" <= %s
    THEN excluded."count"
    ELSE "protection_ratecounter"."count" + excluded."count" END,
  "expires_at" = CASE WHEN "protection_ratecounter"."expires_at" <= %s
    THEN excluded."expires_at"
    ELSE "protection_ratecounter"."expires_at" END
RETURNING "count"
"""


logger = logging.getLogger(__name__)


def _open_while_redis_is_down(default):
    """
    Make a counting function answer `default` (nothing refused, nothing counted)
    while the limits' Redis can't be reached, logging one line, instead of
    failing the request: a Redis restart must not stop readers posting or
    signing in, as it doesn't stop them reading (the cache degrades too). The
    database storage is not excused: without the database nothing works, and
    its outage answers 503 further out.
    """

    def decorate(function):
        @functools.wraps(function)
        def counted(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except RedisError as error:
                logger.warning("Rate limits not applied: Redis unreachable (%s)", error)
                return default

        return counted

    return decorate


@dataclass(frozen=True)
class RateLimited:
    """A refused hit: which action, which limit, and when to come back."""

    action: str
    limit: str
    retry_after: int  # seconds, for the Retry-After header


@_open_while_redis_is_down(None)
def hit(action: str, *keys: str) -> RateLimited | None:
    """
    Count one `action` for each non-empty key; return RateLimited if any of the
    action's limits is now exceeded for any key, else None.

    Every hit counts, refused ones included, so a client that keeps trying stays
    refused until its window ends.
    """
    items = conf.rate_limits(action)
    keys = tuple(key for key in keys if key)
    if not items or not keys:
        return None
    limiter = _limiter()
    refused: RateLimited | None = None
    with batched_writes():
        for key in keys:
            for item in items:
                if limiter.hit(item, action, key):
                    continue
                reset_at = limiter.get_window_stats(item, action, key).reset_time
                retry_after = max(1, math.ceil(reset_at - time.time()))
                if refused is None or retry_after > refused.retry_after:
                    refused = RateLimited(action, str(item), retry_after)
    return refused


@_open_while_redis_is_down(None)
def exceeded(action: str, *keys: str) -> RateLimited | None:
    """
    Return RateLimited if one more `action` would exceed one of its limits for
    any non-empty key, else None, counting nothing: for actions counted only
    when they fail, such as signing in.
    """
    items = conf.rate_limits(action)
    keys = tuple(key for key in keys if key)
    limiter = _limiter()
    refused: RateLimited | None = None
    for key in keys:
        for item in items:
            if limiter.test(item, action, key):
                continue
            reset_at = limiter.get_window_stats(item, action, key).reset_time
            retry_after = max(1, math.ceil(reset_at - time.time()))
            if refused is None or retry_after > refused.retry_after:
                refused = RateLimited(action, str(item), retry_after)
    return refused


def batched_writes():
    """
    Return a context in which counter writes share one transaction. On the
    database every increment is a write, and on SQLite each write transaction
    queues for the one writer: four counters of one post are one turn, not
    four. Redis needs no such thing.
    """
    if isinstance(storage(), DatabaseStorage):
        return write_transaction(storage().using)
    return nullcontext()


@_open_while_redis_is_down(0)
def usage(action: str, key: str) -> int:
    """Return how often `action` was counted for `key` in its longest window."""
    items = conf.rate_limits(action)
    if not items or not key:
        return 0
    longest = max(items, key=RateLimitItem.get_expiry)
    return storage().get(longest.key_for(action, key))


@_open_while_redis_is_down(0)
def tally(name: str, key: str, seconds: int) -> int:
    """Count one occurrence of `key` under `name`; return the count in the window."""
    return storage().incr(f"parley/tally/{name}/{key}", seconds)


@_open_while_redis_is_down(None)
def hit_new_voter(address_hash: str, identity: str) -> RateLimited | None:
    """
    Count `identity` as a new voter from this address the first time it votes
    from it within the "new_voter" window; return RateLimited if that address
    has brought too many new identities. Known pairs always pass.

    One person clearing cookies mints a new identity per vote; this caps how
    many one address can mint, while its regular readers vote freely.
    """
    items = conf.rate_limits("new_voter")
    if not items or not address_hash or not identity:
        return None
    window = max(item.get_expiry() for item in items)
    seen = f"parley/voter-seen/{address_hash}/{identity}"
    store = storage()
    if store.incr(seen, window) > 1:
        return None
    refused = hit("new_voter", address_hash)
    if refused is not None:
        store.clear(seen)  # refused, so not yet a known voter here
    return refused


def storage() -> Storage:
    """Return the counters' storage: Redis if configured, else the database."""
    return _storage(conf.redis_url() or "parley-db://default")


@lru_cache(maxsize=8)
def _storage(uri: str) -> Storage:
    if uri.startswith("parley-db:"):
        return DatabaseStorage(uri)
    return storage_from_string(uri, key_prefix=REDIS_KEY_PREFIX)


def _limiter() -> FixedWindowRateLimiter:
    return _limiter_for(storage())


@lru_cache(maxsize=8)
def _limiter_for(store: Storage) -> FixedWindowRateLimiter:
    return FixedWindowRateLimiter(store)


class DatabaseStorage(Storage):
    """
    A `limits` storage of fixed-window counters in the RateCounter table.

    `incr` is one INSERT … ON CONFLICT DO UPDATE … RETURNING statement: the
    database serialises concurrent hits on one key, and
    a counter whose window has ended starts over in the same statement. The URI
    names the database alias: "parley-db://default".
    """

    STORAGE_SCHEME = ["parley-db"]

    def __init__(self, uri: str = "parley-db://default", **options):
        super().__init__(uri, **options)
        self.using = uri.partition("://")[2].strip("/") or "default"
        self._purged_at = 0.0

    @property
    def base_exceptions(self) -> type[Exception]:
        return DatabaseError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        key = _short(key)
        now = time.time()
        connection = connections[self.using]
        with write_transaction(self.using), connection.cursor() as cursor:
            cursor.execute(UPSERT, [key, amount, now + expiry, now, now])
            count = cursor.fetchone()[0]
            if now - self._purged_at > PURGE_INTERVAL:
                self._purged_at = now
                RateCounter.objects.using(self.using).filter(
                    expires_at__lte=now
                ).delete()
        return int(count)

    def get(self, key: str) -> int:
        row = (
            RateCounter.objects.using(self.using)
            .filter(key=_short(key), expires_at__gt=time.time())
            .values_list("count", flat=True)
            .first()
        )
        return int(row or 0)

    def get_expiry(self, key: str) -> float:
        now = time.time()
        expires_at = (
            RateCounter.objects.using(self.using)
            .filter(key=_short(key), expires_at__gt=now)
            .values_list("expires_at", flat=True)
            .first()
        )
        return expires_at or now

    def check(self) -> bool:
        try:
            RateCounter.objects.using(self.using).exists()
        except DatabaseError:
            return False
        return True

    def reset(self) -> int | None:
        deleted, _ = RateCounter.objects.using(self.using).all().delete()
        return deleted

    def clear(self, key: str) -> None:
        RateCounter.objects.using(self.using).filter(key=_short(key)).delete()


def _short(key: str) -> str:
    """Fit a key into the column: long keys are replaced by their hash."""
    if len(key) <= 200:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()

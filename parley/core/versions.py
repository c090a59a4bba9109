"""
Named versions of what cached pages show.

A page is cached under the versions it depends on, read before it is built: a
write bumps a version in its own transaction, so a page cached under the old
value was built no later than the write, and every request after the write's
commit reads the new value and builds (or finds) the new page. A page keyed on
an old version is never wrong for that key, only unused.
"""

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import IntegrityError, connection, models, transaction

from .models import Version

logger = logging.getLogger(__name__)

# With Redis, every write that moves a version also counts itself here once it
# has committed (before its answer leaves). An app process's fast path reads
# this one counter: while it stands still, no version can have moved, and the
# database is not asked (parley.core.fastpath).
WRITES_KEY = "parley:writes"

# Any article, author or tag that a page may list changed.
ARTICLES = "articles"


def bump(name: str) -> None:
    """Move this version on. Call inside the write's transaction (or alone)."""
    announce()
    if Version.objects.filter(name=name).update(value=models.F("value") + 1):
        return
    try:
        with transaction.atomic():
            Version.objects.create(name=name, value=2)
    except IntegrityError:  # created by a concurrent first bump
        Version.objects.filter(name=name).update(value=models.F("value") + 1)


def announce() -> None:
    """Count this write in WRITES_KEY once it commits. Call wherever a version
    moves (bump does)."""
    if writes_client() is not None:
        transaction.on_commit(_count_write)


def _count_write() -> None:
    try:
        writes_client().incr(WRITES_KEY)
    except redis.RedisError:
        # Fast paths keep what they hold for at most fastpath.STAMP_SECONDS.
        logger.warning("Redis unavailable; a write was not counted")


def writes_seen() -> bytes | None:
    """Return the writes counter, or None without Redis (or if it is away)."""
    client = writes_client()
    if client is None:
        return None
    try:
        return client.get(WRITES_KEY)
    except redis.RedisError:
        return None


@functools.cache
def writes_client() -> redis.Redis | None:
    """Return a client of the shared cache's Redis, or None without one."""
    cache = settings.CACHES["default"]
    if not cache["BACKEND"].endswith("RedisCache"):
        return None
    return redis.Redis.from_url(
        cache["LOCATION"], socket_timeout=0.5, socket_connect_timeout=0.5
    )


@dataclass(frozen=True)
class Probe:
    """
    One statement that reads every version a page depends on, in one round
    trip: a row of values that changes whenever the page would.
    """

    sql: str
    params: tuple

    def read(self) -> tuple:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            return tuple(cursor.fetchone())

    def joined(self, other: "Probe | None") -> "Probe":
        """Return one probe reading this one's values, then the other's."""
        if other is None:
            return self
        return Probe(
            f"{self.sql}, {other.sql.removeprefix('SELECT ')}",
            self.params + other.params,
        )


def probe(*, names: Sequence[str] = (), rows: Sequence[tuple] = ()) -> Probe:
    """
    Return the probe for named versions and for version columns of rows:
    `rows` holds (model, column, pk) triples, e.g. (Thread, "version", 7).
    A name never bumped reads as NULL, which its first bump changes.
    """
    # Identifiers come from models, quoted; values are parameters.
    parts, params = [], []
    quote = connection.ops.quote_name
    for name in names:
        parts.append(
            f"(SELECT {quote('value')} FROM {quote(Version._meta.db_table)}"  # noqa: S608
            f" WHERE {quote('name')} = %s)"
        )
        params.append(name)
    for model, column, pk in rows:
        parts.append(
            f"(SELECT {quote(column)} FROM {quote(model._meta.db_table)}"  # noqa: S608
            f" WHERE {quote(model._meta.pk.column)} = %s)"
        )
        params.append(pk)
    return Probe("SELECT " + ", ".join(parts), tuple(params))

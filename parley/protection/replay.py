"""
The record of spent proof-of-work challenges, so that one solution buys one post.

With Redis configured each spent challenge is one key set with NX and expiring
with the challenge; otherwise a SpentChallenge row whose unique constraint
refuses the second insert. Both are atomic: of two requests spending the same
solution at once, exactly one succeeds.
"""

import logging
import math
import time
from datetime import UTC, datetime
from functools import lru_cache

import redis
from django.db import IntegrityError, transaction

from parley.core.db import write_transaction

from . import conf
from .models import SpentChallenge

REDIS_KEY_PREFIX = "parley:altcha-spent:"
# Expired rows are deleted by the first spend after this many seconds.
PURGE_INTERVAL = 60.0
logger = logging.getLogger(__name__)
_last_purge = 0.0


def spend(challenge: str, expires_at: float) -> bool:
    """
    Mark a challenge spent until `expires_at` (unix time); return False if it
    had been spent already.

    In the database the mark is written in the caller's transaction if there is
    one: a caller that rolls back un-spends the challenge, so run the check
    outside a transaction that may roll back.
    """
    url = conf.redis_url()
    if url:
        seconds = max(1, math.ceil(expires_at - time.time())) + 1
        try:
            added = _redis(url).set(
                REDIS_KEY_PREFIX + challenge, b"1", nx=True, ex=seconds
            )
        except redis.RedisError as error:
            # Keep refusing replays through a Redis restart: the database
            # remembers spent challenges meanwhile.
            logger.warning("Spent challenges kept in the database: %s", error)
        else:
            return bool(added)
    with write_transaction():
        try:
            with transaction.atomic():
                SpentChallenge.objects.create(
                    challenge=challenge,
                    expires_at=datetime.fromtimestamp(expires_at, tz=UTC),
                )
        except IntegrityError:
            return False
        _purge_now_and_then()
    return True


def purge_expired() -> int:
    """Delete the records of expired challenges from the database; return how many."""
    deleted, _ = SpentChallenge.objects.filter(
        expires_at__lt=datetime.now(tz=UTC)
    ).delete()
    return deleted


def _purge_now_and_then() -> None:
    global _last_purge
    now = time.monotonic()
    if now - _last_purge > PURGE_INTERVAL:
        _last_purge = now
        purge_expired()


@lru_cache(maxsize=4)
def _redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)

import os

import pytest
import redis

REDIS_URL = os.environ.get("PARLEY_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def _redis_or_skip() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


@pytest.fixture(params=["db", "redis"])
def store(request, settings):
    """Run the test once with counters and spent challenges in the database,
    once in Redis (a database of its own, emptied before and after)."""
    if request.param == "redis":
        client = _redis_or_skip()
        client.flushdb()
        settings.PARLEY_PROTECTION_REDIS_URL = REDIS_URL
        yield "redis"
        client.flushdb()
    else:
        settings.PARLEY_PROTECTION_REDIS_URL = ""
        yield "db"


@pytest.fixture
def redis_client():
    return _redis_or_skip()

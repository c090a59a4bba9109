"""Helpers for tests that run the product in other processes."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The URL of the database this test runs on (pytest-django's test database)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def run_manage(*args: str, env: dict | None = None, timeout: float = 120):
    """Run manage.py against the test database; return the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "parley.config.settings.base",
            "DATABASE_URL": database_url(),
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def live_redis() -> tuple[str, str]:
    """Return the Redis to test live updates on and a channel prefix of this
    test's own (pub/sub channels are shared by every db), or skip without one.
    The SQLite run has no REDIS_URL: it uses db 11 of the local Redis."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/11"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis at " + url)
    return url, f"parley:live:test:{uuid.uuid4().hex[:8]}:"

import os
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache


def test_cache_backend_follows_redis_url():
    """With REDIS_URL set (as `make test` does for the PostgreSQL run) the cache
    is a real Redis round trip; without it, the in-process cache."""
    if os.environ.get("REDIS_URL"):
        assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    else:
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    key = f"parley-test-{uuid.uuid4()}"
    cache.set(key, {"n": 1}, timeout=30)
    assert cache.get(key) == {"n": 1}


@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL run only")
def test_postgres_run_really_uses_postgres():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_secret_key_is_generated_and_kept(tmp_path, monkeypatch):
    from parley.config.settings import base

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(base, "VAR_DIR", tmp_path)
    first = base._secret_key()
    assert len(first) > 40
    assert base._secret_key() == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"

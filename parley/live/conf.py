"""The live updates' settings, read when used (documented in settings/base.py)."""

from urllib.parse import urlsplit

from django.conf import settings


def redis_url() -> str:
    return settings.PARLEY_LIVE_REDIS_URL


def channel_prefix() -> str:
    """Return the prefix of every pub/sub channel and key the bus uses.

    Pub/sub channels are not per database: two sites (or test runs) sharing a
    Redis server on different db numbers would hear each other's events, so the
    default prefix carries the db number.
    """
    if settings.PARLEY_LIVE_CHANNEL_PREFIX:
        return settings.PARLEY_LIVE_CHANNEL_PREFIX
    path = urlsplit(redis_url()).path.strip("/") or "0"
    return f"parley:live:{path}:"


def history() -> int:
    """Events kept per thread for readers who reconnect (Last-Event-ID)."""
    return settings.PARLEY_LIVE_HISTORY


def retain_seconds() -> int:
    """How long a thread's events stay resumable after its last one."""
    return settings.PARLEY_LIVE_RETAIN_SECONDS


def heartbeat_seconds() -> float:
    return settings.PARLEY_LIVE_HEARTBEAT_SECONDS


def wsgi_stream_seconds() -> float:
    """How long a stream served through WSGI stays open (it holds a thread)."""
    return settings.PARLEY_LIVE_WSGI_STREAM_SECONDS


def comment_json():
    """Return the function that gives a comment's public JSON (the API's)."""
    from django.utils.module_loading import import_string

    return import_string(settings.PARLEY_LIVE_COMMENT_JSON)

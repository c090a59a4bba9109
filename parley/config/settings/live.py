"""Live updates (parley.live): event streams of threads."""

import os

# Events travel through Redis pub/sub across app processes when REDIS_URL is set,
# else within the one process. Pub/sub channels are not per Redis db: the prefix
# of channels and keys defaults to "parley:live:<db number>:";
# PARLEY_LIVE_CHANNEL_PREFIX sets another (two sites on one Redis server).
PARLEY_LIVE_REDIS_URL = os.environ.get("REDIS_URL", "")
PARLEY_LIVE_CHANNEL_PREFIX = os.environ.get("PARLEY_LIVE_CHANNEL_PREFIX", "")
# Recent events kept per thread for readers who reconnect (Last-Event-ID), and
# how long after a thread's last event they stay resumable.
PARLEY_LIVE_HISTORY = int(os.environ.get("PARLEY_LIVE_HISTORY", "100"))
PARLEY_LIVE_RETAIN_SECONDS = int(os.environ.get("PARLEY_LIVE_RETAIN_SECONDS", "86400"))
# A comment line this often keeps proxies from closing an idle stream.
PARLEY_LIVE_HEARTBEAT_SECONDS = float(
    os.environ.get("PARLEY_LIVE_HEARTBEAT_SECONDS", "15")
)
# A stream served through WSGI holds a thread: it ends after this long and the
# browser reconnects (through ASGI a stream stays open until the reader leaves).
PARLEY_LIVE_WSGI_STREAM_SECONDS = float(
    os.environ.get("PARLEY_LIVE_WSGI_STREAM_SECONDS", "25")
)
# The public JSON of a comment, as the API gives it to a reader nobody knows.
PARLEY_LIVE_COMMENT_JSON = "parley.api.comments.comment_out"

"""
The ASGI entry point granian serves (`make run`, `make serve-prod`): a thread's
event stream on the event loop (parley.live.streams: no thread held while it
waits), and every other request to the WSGI application, Django behind its
fast path, in PARLEY_WSGI_THREADS threads per process (parley.core.wsgi_bridge).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.base")

from parley.config import wsgi
from parley.core.middleware import is_embed_origin
from parley.core.wsgi_bridge import WSGIBridge
from parley.live import streams

# Threads that run WSGI requests in each process (what granian's
# --blocking-threads are to its WSGI interface).
WSGI_THREADS = int(os.environ.get("PARLEY_WSGI_THREADS", "4"))

pages = WSGIBridge(wsgi.application, WSGI_THREADS)


def allow_origin(headers) -> str:
    """Return the request's Origin if it is an embed origin, else ""."""
    for name, value in headers:
        if name == b"origin":
            origin = value.decode("latin-1")
            return origin if is_embed_origin(origin) else ""
    return ""


async def application(scope, receive, send):
    key = streams.events_key(scope)
    if key is None:
        await pages(scope, receive, send)
    else:
        await streams.serve(scope, receive, send, key, pages, allow_origin)

"""
Shared caching of public API reads.

A thread page is the same for every reader, so it is rendered to JSON once per
thread version and kept in the cache (Redis when configured, so every app
process shares it). Its ETag carries the version: a reader who already has the
page gets a 304 for the price of one indexed lookup.
"""

import hashlib
import json
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from parley.core.caching import LocalPages, cache_get, cache_set, etag_matches

PAGE_TTL_SECONDS = 3600
# Browsers revalidate every time (cheap: a 304), so a reader never sees a page
# older than their own last write; a CDN may serve a page for a few seconds.
# No stale-while-revalidate: browsers honour it too and would show stale pages.
SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=5"
PRIVATE_CACHE_CONTROL = "private, no-store"
LOCAL_CACHE_BYTES = 32 * 1024 * 1024


local_pages = LocalPages(LOCAL_CACHE_BYTES)


def page_etag(thread_id: int | None, version: int, *parts: object) -> str:
    """Return a strong ETag for one view of one version of a thread, in the
    request's language (what the page says may be translated)."""
    digest = hashlib.blake2s(
        "\x1f".join(str(part) for part in (get_language(), *parts)).encode(),
        digest_size=10,
    ).hexdigest()
    return f'"{thread_id or 0}.{version}.{digest}"'


def cached_json_response(
    request: HttpRequest, etag: str, build: Callable[[], dict]
) -> HttpResponse:
    """
    Answer with the JSON for this ETag: 304 if the client has it, else from the
    cache, else built now and cached. A cache outage only costs speed.
    """
    headers = {"ETag": etag, "Cache-Control": SHARED_CACHE_CONTROL}
    if etag_matches(request.headers.get("If-None-Match", ""), etag):
        return HttpResponse(status=304, headers=headers)
    key = f"parley:page:{etag.strip(chr(34))}"
    body = local_pages.get(key)
    if body is None:
        body = cache_get(key)
        if body is None:
            body = json.dumps(
                build(), cls=DjangoJSONEncoder, separators=(",", ":")
            ).encode()
            cache_set(key, body, PAGE_TTL_SECONDS)
        local_pages.put(key, body)
    return HttpResponse(body, content_type="application/json", headers=headers)

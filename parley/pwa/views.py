"""
The installable web app: its manifest, its service worker at the site's root
(so that it may answer for every page) and the page it shows offline.

Each answer is the same for every reader (no cookie is read), with an ETag so a
browser's next check costs a 304.
"""

import hashlib
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from parley.core.caching import etag_matches
from parley.core.pages import SHARED_CACHE_CONTROL, anonymous_view

from . import conf, worker
from .manifest import app_manifest


def _safe(view):
    """Take GET and HEAD only (core's PageMethodsMiddleware answers 405 to others)."""
    wrapped = require_safe(view)
    wrapped.allowed_methods = ("GET", "HEAD")
    return wrapped


def _answer(request: HttpRequest, body: bytes, content_type: str) -> HttpResponse:
    etag = f'"{hashlib.blake2s(body, digest_size=12).hexdigest()}"'
    headers = {"ETag": etag, "Cache-Control": SHARED_CACHE_CONTROL}
    if etag_matches(request.headers.get("If-None-Match", ""), etag):
        return HttpResponse(status=304, headers=headers)
    return HttpResponse(body, content_type=content_type, headers=headers)


@_safe
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: what a browser needs to install the site."""
    body = json.dumps(app_manifest(), indent=2).encode()
    return _answer(request, body, "application/manifest+json")


@_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker script. Served from the root, its scope is the site."""
    return _answer(request, worker.script(), "text/javascript; charset=utf-8")


@_safe
def offline(request: HttpRequest) -> HttpResponse:
    """The page the service worker shows for a page it doesn't keep, offline:
    rendered for a reader nobody knows, since every reader's device keeps it."""
    response = render(
        anonymous_view(request),
        "pwa/offline.html",
        {"keep": conf.offline_articles(), "articles_cache": worker.ARTICLES_CACHE},
    )
    return _answer(request, response.content, response["Content-Type"])

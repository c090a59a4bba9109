"""
The fast path: a thin WSGI layer in front of Django for shared pages.

When Django serves a shared page (parley.core.pages) to a reader nobody knows,
this layer keeps the exact response (status, headers, bytes) with the page's
version probe. The next such GET of the same address is answered from here
after one version lookup, without Django's middleware, routing or response
objects; if any version moved, the page expired, or the request differs in
anything the response varies on, Django answers (and the entry is renewed).
"""

import hashlib
import logging
import time

from django.http.cookie import parse_cookie

from . import versions
from .caching import LocalPages, etag_matches
from .languages import language_for
from .pages import ENVIRON_KEY, LOCAL_CACHE_BYTES, is_reader_cookie

# How long the writes counter alone vouches for an entry before the database is
# asked again: what bounds a stale page if a write's count was lost (Redis away
# for a moment, a process killed between its commit and its count).
STAMP_SECONDS = 2.0

logger = logging.getLogger(__name__)


class Entry:
    __slots__ = (
        "body",
        "headers",
        "not_modified",
        "probe",
        "stamp",
        "stamped_at",
        "valid_until",
        "vary",
        "versions",
    )

    def __init__(self, page, headers, body, vary):
        self.probe = page.probe
        self.versions = page.versions
        self.valid_until = page.valid_until
        self.headers = headers
        self.body = body
        self.vary = vary  # the request headers the response varies on, as sent
        self.not_modified = None  # Django's own 304 headers, once seen
        # The writes counter when the versions were last read equal, and when.
        self.stamp = None
        self.stamped_at = 0.0


class FastPath:
    """Wrap a WSGI application (Django's) with the shared-page fast path."""

    def __init__(self, application):
        self.application = application
        self.entries = LocalPages(LOCAL_CACHE_BYTES)

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET" or not self._unknown_reader(environ):
            return self.application(environ, start_response)
        key = self._address(environ)
        entry = self.entries.get(key)
        if entry is not None:
            answer = self._answer(entry, environ, start_response)
            if answer is not None:
                return answer
        return self._through_django(key, environ, start_response)

    def _answer(self, entry, environ, start_response):
        if time.time() >= entry.valid_until or any(
            environ.get(name) != value for name, value in entry.vary
        ):
            return None
        if not self._still_current(entry):
            return None
        etag = next(value for name, value in entry.headers if name.lower() == "etag")
        if etag_matches(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
            if entry.not_modified is None:
                return None  # Django answers the first, and its headers are kept
            start_response("304 Not Modified", entry.not_modified)
            return [b""]
        start_response("200 OK", entry.headers)
        return [entry.body]

    @staticmethod
    def _still_current(entry) -> bool:
        """Return True if the entry's versions are the versions there are: read
        from the database, unless Redis's writes counter (versions.WRITES_KEY)
        has not moved since they last were, a moment ago."""
        now = time.monotonic()
        seen = versions.writes_seen()
        if (
            seen is not None
            and seen == entry.stamp
            and now - entry.stamped_at < STAMP_SECONDS
        ):
            return True
        try:
            current = entry.probe.read()
        except Exception as error:  # the database is away: Django answers for it
            logger.warning("Fast path: version lookup failed: %s", error)
            return False
        if current != entry.versions:
            return False
        entry.stamp, entry.stamped_at = seen, now
        return True

    def _through_django(self, key, environ, start_response):
        seen = {}

        def keep_status(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.application(environ, keep_status)
        page = environ.get(ENVIRON_KEY)
        status = seen.get("status", "")
        if page is None or not status.startswith(("200", "304")):
            return result
        headers = seen["headers"]
        if any(name.lower() == "set-cookie" for name, _value in headers):
            return result  # never keep what was meant for one reader
        if status.startswith("304"):
            entry = self.entries.get(key)
            if entry is not None and entry.versions == page.versions:
                entry.not_modified = headers
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        vary = _vary(headers, environ)
        self.entries.put(key, Entry(page, headers, body, vary), len(body) + 2048)
        return [body]

    def _unknown_reader(self, environ) -> bool:
        raw = environ.get("HTTP_COOKIE")
        if not raw:
            return True
        return not any(is_reader_cookie(name) for name in parse_cookie(raw))

    @staticmethod
    def _address(environ) -> str:
        """Everything besides cookies and varying headers that Django's answer
        depends on: scheme (as sent and as a proxy states it), host, path, query,
        and the language Django will write it in (the same rule as its
        parley.core.languages.LanguageMiddleware): one entry per language, not
        per way of writing an Accept-Language header."""
        parts = (
            language_for(environ.get("HTTP_ACCEPT_LANGUAGE", "")),
            environ.get("wsgi.url_scheme", ""),
            environ.get("HTTP_X_FORWARDED_PROTO", ""),
            environ.get("HTTP_HOST", ""),
            environ.get("SERVER_NAME", ""),
            environ.get("SERVER_PORT", ""),
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        )
        return hashlib.blake2s(
            "\x1f".join(parts).encode("utf-8", "surrogateescape")
        ).hexdigest()


def _vary(headers, environ) -> tuple:
    names = []
    for name, value in headers:
        if name.lower() == "vary":
            names += [part.strip() for part in value.split(",")]
    return tuple(
        (key, environ.get(key))
        for key in ("HTTP_" + name.upper().replace("-", "_") for name in names if name)
        # Cookies: only unknown readers reach an entry. Accept-Language: the
        # entry's address already holds the language it chose.
        if key not in ("HTTP_COOKIE", "HTTP_ACCEPT_LANGUAGE")
    )

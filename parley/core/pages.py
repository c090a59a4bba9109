"""
Pages shared by every reader.

A page (home, article, tag, author) is rendered once per change of what it
shows, for a reader nobody knows, and kept under the versions it depends on
(parley.core.versions). What only one reader may see lives in the page's
*reader parts* (`{% reader_part %}`): the shared page keeps their place and
their fill for an unknown reader, and a known reader's request renders just
those few fragments into the shared bytes. So every reader is served from the
same rendering, and an unknown reader's page is the stored bytes as they are:
CDN-cacheable, and what parley.core.fastpath answers without entering Django.
"""

import copy
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.module_loading import import_string

from .caching import LocalPages, cache_get, cache_set, etag_matches
from .versions import Probe

logger = logging.getLogger(__name__)

# A reader's browser revalidates each time (a 304 when nothing changed); a CDN
# may keep the page a few seconds. Pages that carry a reader's own parts are
# theirs alone.
SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=5"
PRIVATE_CACHE_CONTROL = "private, no-cache"
# A page is rebuilt at least this often even if nothing it shows changed: the
# no-JS comment form carries the time it was rendered (a signal of how long its
# writer took), which this bounds.
MAX_PAGE_AGE_SECONDS = 300
LOCAL_CACHE_BYTES = 32 * 1024 * 1024
# Where the fast path finds what the view decided (request.META is the WSGI environ).
ENVIRON_KEY = "parley.shared_page"
HOLE_MARK = "\x00"


@dataclass(frozen=True)
class ReaderPart:
    """One place in a page that depends on who reads it."""

    key: str  # "account", "comment:17", ...: what the reader layer names
    template: str
    args: dict  # what the page knew when it was rendered, captured as values


@dataclass
class SharedPage:
    """A page as rendered once for everyone, with its reader parts kept apart."""

    versions: tuple
    valid_until: float
    chunks: list[str]  # the page's text around its reader parts
    parts: list[ReaderPart]
    fills: list[str]  # each part as an unknown reader sees it
    body: bytes = b""  # the page for an unknown reader
    etag: str = ""
    facts: dict = field(default_factory=dict)  # for the reader layer (ids shown)
    # Values the page shows that no version counts (a list's comment counts):
    # the probe that reads them now, and what they were when it was rendered.
    check: Probe | None = None
    check_values: tuple = ()
    # When those values moved: the dotted path of a function that returns the
    # page brought up to date without rendering it again, or None (rebuild).
    refresher: str = ""

    def __post_init__(self):
        if not self.body:
            self.body = self.fill({}).encode()
            digest = hashlib.blake2s(self.body, digest_size=12).hexdigest()
            self.etag = f'"{digest}"'

    def fill(self, personal: dict[str, str]) -> str:
        """Return the page with these parts' personal fills, the rest as shared."""
        out = [self.chunks[0]]
        for index, part in enumerate(self.parts):
            out.append(personal.get(part.key, self.fills[index]))
            out.append(self.chunks[index + 1])
        return "".join(out)

    def for_reader(self, reader: dict, keys: dict[str, dict]) -> bytes:
        """Return the page for a known reader: the parts named in `keys` rendered
        from `reader` (the reader layer's context) and that part's own extras."""
        personal = {
            part.key: render_part(part, {**reader, **keys[part.key]})
            for part in self.parts
            if part.key in keys
        }
        return self.fill(personal).encode()


def is_reader_cookie(name: str) -> bool:
    """Return True if a cookie of this name may make a page differ from the
    shared one: the session, flashed messages, or one of PARLEY_READER_COOKIES
    (a trailing * matches a prefix)."""
    if name in (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name):
        return True
    return any(
        name.startswith(pattern[:-1]) if pattern.endswith("*") else name == pattern
        for pattern in settings.PARLEY_READER_COOKIES
    )


def render_part(part: ReaderPart, reader: dict) -> str:
    """Render a reader part from its captured values and a reader's context."""
    return loader.get_template(part.template).render({**part.args, **reader})


def anonymous_view(request: HttpRequest) -> HttpRequest:
    """Return the request as an unknown reader would make it: no user, no
    messages. The shared page is rendered from this, never from the reader's own."""
    anonymous = copy.copy(request)
    anonymous.user = AnonymousUser()
    anonymous._messages = ()
    anonymous.COOKIES = {}
    return anonymous


def render_shared(
    request: HttpRequest,
    template_name: str,
    context: dict,
    *,
    versions: tuple,
    valid_until: float,
    anonymous_reader: dict,
    facts: dict | None = None,
    check: tuple[Probe, tuple, str] | None = None,
) -> SharedPage:
    """Render the page once for everyone: each `{% reader_part %}` is recorded,
    and filled as `anonymous_reader` (the reader layer's context for an unknown
    reader) sees it."""
    parts: list[ReaderPart] = []
    text = loader.get_template(template_name).render(
        {**context, "shared_page_parts": parts}, anonymous_view(request)
    )
    chunks = text.split(HOLE_MARK)[::2]
    if len(chunks) != len(parts) + 1:
        raise ValueError(f"{template_name}: a reader part's mark is unbalanced")
    fills = [render_part(part, anonymous_reader) for part in parts]
    return SharedPage(
        versions=versions,
        valid_until=min(valid_until, time.time() + MAX_PAGE_AGE_SECONDS),
        chunks=chunks,
        parts=parts,
        fills=fills,
        facts=facts or {},
        check=check[0] if check else None,
        check_values=check[1] if check else (),
        refresher=check[2] if check else "",
    )


local_pages = LocalPages(LOCAL_CACHE_BYTES)
_fingerprint: list[str] = []


def templates_fingerprint() -> str:
    """Return a short hash of the templates and translations this code renders
    with, so that a deploy never serves a page the previous templates or
    catalogues built from the shared cache."""
    if not _fingerprint:
        digest = hashlib.blake2s(digest_size=6)
        root = Path(__file__).resolve().parent.parent
        paths = [*root.rglob("templates/**/*.html"), *root.rglob("locale/*/*/*.mo")]
        for path in sorted(paths):
            stat = path.stat()
            digest.update(
                f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode()
            )
        _fingerprint.append(digest.hexdigest())
    return _fingerprint[0]


def page_path(request: HttpRequest, params: tuple[str, ...]) -> str:
    """
    Return the page's path with only the query parameters it reads, in a fixed
    order. Links shared on social sites carry tracking parameters unique to each
    click (utm_*, fbclid): they neither change the page nor multiply its copies.
    """
    query = urlencode(
        [(name, request.GET[name]) for name in params if name in request.GET]
    )
    return f"{request.path}?{query}" if query else request.path


def is_canonical(request: HttpRequest, params: tuple[str, ...]) -> bool:
    """Return True if the query holds nothing but these parameters, once each."""
    return all(
        name in params and len(values) == 1 for name, values in request.GET.lists()
    )


def _cache_key(address: str, versions: tuple) -> str:
    # A page is written in the request's language (parley.core.languages): one
    # copy per language, so a German reader never gets the English page.
    language = translation.get_language()
    digest = hashlib.blake2s(
        f"{templates_fingerprint()}\x1f{language}\x1f{address}\x1f{versions!r}".encode(),
        digest_size=16,
    ).hexdigest()
    return f"parley:shared-page:{digest}"


def shared_page(
    request: HttpRequest,
    probe: Probe,
    build: Callable[[tuple], SharedPage],
    params: tuple[str, ...] = (),
) -> SharedPage:
    """
    Return the shared page at this address for the versions the probe reads now:
    from this process, else the shared cache, else built (and kept in both).
    The versions are read before anything is built, so a page is never older
    than its key.
    """
    versions = probe.read()
    address = f"{request.scheme}://{request.get_host()}{page_path(request, params)}"
    key = _cache_key(address, versions)
    held = local_pages.get(key)
    page = _current(held, refresh=False)
    if page is not None:
        return page
    # One thread of this process builds (or refreshes) a version while the
    # others wait for it: a busy page's new version is made once, not once per
    # thread.
    with _builders_lock:
        builder = _builders.setdefault(key, threading.Lock())
    with builder:
        held = local_pages.get(key)
        page = _current(held, refresh=True)
        if page is None:
            cached = cache_get(key)
            page = _current(cached, refresh=True)
            if page is None:
                page = build(versions)
            if page is not cached:
                cache_set(key, page, max(1, int(page.valid_until - time.time())))
        if page is not held:
            local_pages.put(key, page, 2 * len(page.body) + 1024)
    with _builders_lock:
        _builders.pop(key, None)
    return page


_builders: dict[str, threading.Lock] = {}
_builders_lock = threading.Lock()


def _current(page: SharedPage | None, *, refresh: bool) -> SharedPage | None:
    """Return the page if it may be served now (the values it shows beyond its
    versions, such as a list's comment counts, are still the values there are),
    or brought up to date by its refresher when `refresh`; None: build it."""
    if page is None or page.valid_until <= time.time():
        return None
    if page.check is None or page.check.read() == page.check_values:
        return page
    if refresh and page.refresher:
        return import_string(page.refresher)(page)
    return None


def shared_response(
    request: HttpRequest,
    page: SharedPage,
    reader: dict,
    keys: dict[str, dict],
    *,
    probe: Probe,
    params: tuple[str, ...] = (),
) -> HttpResponse:
    """
    Answer with the page. An unknown reader (no `keys`) gets the shared bytes,
    with a strong ETag and a 304 when they hold them; a known reader gets the
    page with their parts filled in, for them alone.
    """
    if keys:
        response = HttpResponse(page.for_reader(reader, keys))
        response.headers["Cache-Control"] = PRIVATE_CACHE_CONTROL
    else:
        headers = {"ETag": page.etag, "Cache-Control": SHARED_CACHE_CONTROL}
        if etag_matches(request.headers.get("If-None-Match", ""), page.etag):
            response = HttpResponse(status=304, headers=headers)
        else:
            response = HttpResponse(page.body, headers=headers)
        # The fast path may answer this address itself from now on, unless its
        # query holds more than the page reads (each such address would be
        # kept apart, to no purpose).
        if is_canonical(request, params):
            request.META[ENVIRON_KEY] = FastEntry(
                probe.joined(page.check),
                page.versions + page.check_values,
                page.valid_until,
            )
    # The page differs by who reads it, and cookies say who that is (and by
    # language: parley.core.languages.LanguageMiddleware adds Accept-Language).
    response.headers["Vary"] = "Cookie"
    return response


@dataclass(frozen=True)
class FastEntry:
    """What the fast path needs to serve this page again without Django."""

    probe: Probe
    versions: tuple
    valid_until: float

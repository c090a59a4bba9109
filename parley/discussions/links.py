"""Where a thread's page is: the only addresses Parley links or redirects to
for a thread are its own site's pages and pages on the configured embed origins,
whatever a reader declared."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Thread


def embed_origin(url: str) -> str:
    """Return the URL's origin if it is one of the configured embed origins and
    the URL is a plain http(s) address, else ""."""
    if not url or not url.isprintable() or any(ch.isspace() for ch in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    if parts.username is not None or parts.password is not None or "\\" in url:
        return ""
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin if origin in settings.EMBED_ORIGINS else ""


def is_embed_page(url: str) -> bool:
    """Return True if the URL is a page on one of the configured embed origins."""
    return bool(embed_origin(url))


def is_site_path(url: str) -> bool:
    """Return True if the URL is a path on this site (never "//host" or "/\\host",
    which browsers read as another host)."""
    return (
        url.startswith("/")
        and url.isprintable()
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def thread_link(thread: Thread, anchor: str = "") -> str:
    """Return the address of the thread's page with the anchor, or "" when its
    recorded URL is neither on this site nor on an embed origin."""
    url = thread.url.split("#")[0]
    if not (is_site_path(url) or is_embed_page(url)):
        return ""
    return f"{url}#{anchor}" if anchor else url

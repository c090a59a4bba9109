"""
The service worker script, /sw.js: the worker's code (templates/pwa/sw.js) with
what it needs to know of this site set at its top.

A browser installs a new worker when these bytes change, so they carry a
version: a digest of the script and of the files it keeps as the app shell.
"""

import functools
import hashlib
import json
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

from . import conf
from .manifest import ICONS

# The cache of articles a reader opened (the offline page lists it too).
ARTICLES_CACHE = "parley-articles"
# Static and media files kept as pages used them, the latest this many: old
# versions of files go as new ones come, deploy after deploy.
ASSETS_KEPT = 150
# What every page needs offline, kept when the worker installs (static paths).
SHELL_ASSETS = (
    "parley/site.css",
    "parley/parley-comments.css",
    "parley/favicon.svg",
    "pwa/app.css",
    "pwa/app.js",
    "pwa/saved-articles.js",
    ICONS[0][0],
)


def script() -> bytes:
    """Return the worker script for the current settings."""
    return _script(conf.offline_articles(), settings.STATIC_URL, settings.MEDIA_URL)


@functools.lru_cache(maxsize=8)
def _script(keep: int, static_url: str, media_url: str) -> bytes:
    offline = reverse("pwa:offline")
    config = {
        "offline": offline,
        "shell": [offline, reverse("pwa:manifest")]
        + [static(path) for path in SHELL_ASSETS],
        "articlesCache": ARTICLES_CACHE,
        "articlePath": _article_path(),
        "keep": keep,
        "assets": [static_url, media_url],
        "assetsKept": ASSETS_KEPT,
    }
    digest = hashlib.blake2s(digest_size=8)
    digest.update(_render(config))
    for path in SHELL_ASSETS:
        found = finders.find(path)
        if found:
            with open(found, "rb") as file:
                digest.update(file.read())
    return _render({**config, "version": digest.hexdigest()})


def _article_path() -> str:
    """Return a JavaScript pattern for the path of an article page."""
    marker = "0slug0"
    path = reverse("newsroom:article", kwargs={"slug": marker})
    before, after = path.split(marker)
    return f"^{re.escape(before)}[^/]+{re.escape(after)}$"


def _render(config: dict) -> bytes:
    # JSON is JavaScript; "<" is escaped anyway, as nothing here is HTML.
    text = json.dumps(config, sort_keys=True).replace("<", "\\u003c")
    return render_to_string("pwa/sw.js", {"config": text}).encode()

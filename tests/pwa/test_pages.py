"""The banner and the worker in the shared pages, and the offline page."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from parley.core.pages import local_pages
from parley.pwa import worker
from tests.factories import make_article

pytestmark = pytest.mark.django_db
BANNER = re.compile(r'<template id="parley-app-banner">(.*?)</template>', re.DOTALL)


def _banner(html: str) -> str:
    found = BANNER.search(html)
    assert found, "no banner template in the page"
    return found.group(1)


@pytest.mark.parametrize("page", ["home", "article"])
def test_every_page_offers_the_app_the_same_for_every_reader(page):
    """The banner is in the shared page's bytes; whether it shows is the
    reader's browser's business (app.js)."""
    article = make_article()
    path = "/" if page == "home" else article.get_absolute_url()
    first, second = Client().get(path), Client().get(path)
    assert first.content == second.content
    html = first.content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="parley:service-worker" content="/sw.js">' in html
    assert '<script type="module" src="/static/pwa/app.js"></script>' in html
    assert '<p class="app-banner__title">Continue on app</p>' in _banner(html)


def test_a_signed_in_reader_gets_the_same_banner(client, reader_user):
    make_article()
    anonymous = Client().get("/").content.decode()
    client.force_login(reader_user)
    signed_in = client.get("/").content.decode()
    assert "Signed in as" in signed_in
    assert _banner(signed_in) == _banner(anonymous)


def test_the_store_link_shows_when_the_newsroom_has_an_app(client, settings):
    assert "Get the app" not in _banner(client.get("/").content.decode())
    settings.PARLEY_APP_STORE_URL = "https://apps.apple.com/app/id123"
    # In production the setting changes with a restart, and pages kept in the
    # shared cache follow within their age (core.pages.MAX_PAGE_AGE_SECONDS).
    cache.clear()
    local_pages.clear()
    banner = _banner(client.get("/").content.decode())
    assert (
        '<a class="app-banner__button" href="https://apps.apple.com/app/id123"'
        in banner
    )


def test_the_head_adds_no_inline_script_or_style(client):
    """The Content-Security-Policy allows neither."""
    html = client.get("/").content.decode()
    head = html[: html.index("</head>")]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", head)
    assert " style=" not in head
    assert "<style" not in head


def test_the_offline_page_is_the_same_for_every_reader(client, reader_user):
    """Every reader's device keeps it: nobody's name in it."""
    anonymous = Client().get("/offline/")
    client.force_login(reader_user)
    signed_in = client.get("/offline/")
    assert signed_in.status_code == 200
    assert signed_in.content == anonymous.content
    html = signed_in.content.decode()
    assert "Signed in as" not in html
    assert f'<parley-saved-articles cache="{worker.ARTICLES_CACHE}">' in html
    assert "the last 30 of them" in html
    assert not signed_in.cookies

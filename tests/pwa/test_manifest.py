"""The web app manifest: what a browser needs to offer the install."""

import json

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db


def _manifest(client) -> dict:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    return json.loads(response.content)


def test_the_app_is_named_after_the_site(client, settings):
    settings.SITE_NAME = "The Valley Ledger"
    manifest = _manifest(client)
    assert manifest["name"] == manifest["short_name"] == "The Valley Ledger"
    assert (
        manifest["description"] == "News and reader discussion from The Valley Ledger."
    )
    settings.PARLEY_APP_SHORT_NAME = "Ledger"
    assert _manifest(client)["short_name"] == "Ledger"


def test_it_opens_the_front_page_standalone_over_the_whole_site(client, settings):
    settings.PARLEY_APP_THEME_COLOR = "#003366"
    manifest = _manifest(client)
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#003366"
    assert manifest["background_color"] == "#ffffff"


def test_its_icons_are_there_at_the_sizes_it_states(client):
    """192 and 512 pixels, and a maskable one that fills its square."""
    icons = _manifest(client)["icons"]
    assert {(icon["sizes"], icon["purpose"]) for icon in icons} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    for icon in icons:
        assert icon["type"] == "image/png"
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            corner = image.convert("RGBA").getpixel((0, 0))
        # A maskable icon is cropped by the platform: no transparent corner.
        assert (corner[3] == 255) is (icon["purpose"] == "maskable")
        assert client.get(icon["src"]).status_code == 200


@pytest.mark.parametrize(
    ("store", "platform"),
    [
        ("https://play.google.com/store/apps/details?id=org.news", "play"),
        ("https://apps.apple.com/app/id123", "itunes"),
        ("https://news.example/app", None),
        ("", None),
    ],
)
def test_a_native_app_in_a_known_store_is_named(client, settings, store, platform):
    """Named for the browser, which may still offer this one (not preferred)."""
    settings.PARLEY_APP_STORE_URL = store
    manifest = _manifest(client)
    if platform is None:
        assert "related_applications" not in manifest
    else:
        assert manifest["related_applications"] == [
            {"platform": platform, "url": store}
        ]
        assert manifest["prefer_related_applications"] is False


def test_a_browser_holding_it_gets_304(client):
    first = client.get("/manifest.webmanifest")
    again = client.get(
        "/manifest.webmanifest", headers={"If-None-Match": first["ETag"]}
    )
    assert again.status_code == 304
    assert not first.cookies
    assert "Cookie" not in first.get("Vary", "")


@pytest.mark.parametrize("path", ["/manifest.webmanifest", "/sw.js", "/offline/"])
def test_they_take_get_and_head_only(client, path):
    assert client.head(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"

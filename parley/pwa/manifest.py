"""The web app manifest (https://www.w3.org/TR/appmanifest/)."""

from urllib.parse import urlsplit

from django.templatetags.static import static
from django.utils.translation import gettext

from . import conf

BACKGROUND_COLOR = "#ffffff"
# (file under static/, pixels, purpose): drawn by `manage.py draw_app_icons`.
ICONS = (
    ("pwa/icons/icon-192.png", 192, "any"),
    ("pwa/icons/icon-512.png", 512, "any"),
    ("pwa/icons/icon-maskable-512.png", 512, "maskable"),
)
APPLE_TOUCH_ICON = "pwa/icons/apple-touch-icon.png"
# Stores whose links say which platform the native app is for.
STORE_PLATFORMS = {"play.google.com": "play", "apps.apple.com": "itunes"}


def app_manifest() -> dict:
    """Return the manifest: the site's name, its icons and colours, and the
    newsroom's native app when it has one (the browser may still offer this one)."""
    name = conf.app_name()
    manifest = {
        "id": "/",
        "name": name,
        "short_name": conf.short_name(),
        "description": gettext("News and reader discussion from %(name)s.")
        % {"name": name},
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": conf.theme_color(),
        "icons": [
            {
                "src": static(path),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for path, size, purpose in ICONS
        ],
    }
    store = conf.store_url()
    platform = STORE_PLATFORMS.get(urlsplit(store).hostname or "")
    if platform:
        manifest["related_applications"] = [{"platform": platform, "url": store}]
        manifest["prefer_related_applications"] = False
    return manifest

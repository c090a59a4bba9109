"""The web app's settings, read when used (see config/settings/pwa.py)."""

from django.conf import settings


def app_name() -> str:
    return settings.SITE_NAME


def short_name() -> str:
    return settings.PARLEY_APP_SHORT_NAME or settings.SITE_NAME


def theme_color() -> str:
    return settings.PARLEY_APP_THEME_COLOR


def offline_articles() -> int:
    """How many of the articles a reader opened their device keeps to read offline."""
    return settings.PARLEY_APP_OFFLINE_ARTICLES


def store_url() -> str:
    """The newsroom's native app in a store; "" when it has none."""
    return settings.PARLEY_APP_STORE_URL

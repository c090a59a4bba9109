"""Dates written the same way by the server's pages and the widget."""

from datetime import datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from django import template
from django.utils import timezone
from django.utils.translation import get_language, to_locale

register = template.Library()

# CLDR puts a narrow no-break space before AM/PM; browsers' Intl differ on it.
# The widget (static/parley/dates.js) writes a plain space, and so does this.
NARROW_SPACE = "\u202f"


def babel_locale(language: str | None) -> Locale:
    """Return Babel's locale for a Django language code, English if unknown."""
    try:
        return Locale.parse(to_locale(language or "en"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@register.filter
def comment_date(value: datetime | None) -> str:
    """
    Return a comment's date as the widget writes it: CLDR's medium date and
    time in the site's time zone and the active language ("Mar 5, 2026,
    4:07:09 PM"), so nothing changes when the widget takes over the page.
    """
    if value is None:
        return ""
    return format_datetime(
        value,
        "medium",
        tzinfo=timezone.get_default_timezone(),
        locale=babel_locale(get_language()),
    ).replace(NARROW_SPACE, " ")

"""Dates written the same way by the server's pages and the widget, and
articles' dates in the reader's language."""

from datetime import datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_skeleton
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
    short time, joined as the language joins them, in the site's time zone and
    the active language ("Mar 5, 2026, 4:07 PM"), so nothing changes when the
    widget takes over the page (Intl's dateStyle "medium", timeStyle "short").
    """
    if value is None:
        return ""
    return format_datetime(
        value,
        _joined(babel_locale(get_language()), "medium", "short"),
        tzinfo=timezone.get_default_timezone(),
        locale=babel_locale(get_language()),
    ).replace(NARROW_SPACE, " ")


def _joined(locale: Locale, date_style: str, time_style: str) -> str:
    """Return the pattern of a date in one style and a time in another, joined
    by the date style's glue, as ICU (and so the browser's Intl) joins them."""
    return (
        str(locale.datetime_formats[date_style])
        .replace("{1}", locale.date_formats[date_style].pattern)
        .replace("{0}", locale.time_formats[time_style].pattern)
    )


# The shapes article dates take: a byline's date, with its time on the article
# page, and a list's day and month (CLDR skeleton: ordered as the language does).
ARTICLE_DATE_STYLES = {"date", "time", "day"}


@register.filter
def article_date(value: datetime | None, style: str = "date") -> str:
    """
    Return an article's publication date in the active language, in the site's
    time zone: "date" is CLDR's long date ("5. März 2026"), "time" adds the
    short time the way the language joins them ("5. März 2026, 16:07"), "day"
    is the day and short month ("5. März"). Written like comment_date (Babel,
    plain spaces), so a page's dates read alike.
    """
    if value is None:
        return ""
    if style not in ARTICLE_DATE_STYLES:
        raise template.TemplateSyntaxError(f"article_date: unknown style {style!r}")
    locale = babel_locale(get_language())
    tzinfo = timezone.get_default_timezone()
    if style == "day":
        text = format_skeleton("MMMd", value, tzinfo=tzinfo, locale=locale)
    elif style == "time":
        pattern = (
            str(locale.datetime_formats["medium"])
            .replace("{1}", locale.date_formats["long"].pattern)
            .replace("{0}", locale.time_formats["short"].pattern)
        )
        text = format_datetime(value, pattern, tzinfo=tzinfo, locale=locale)
    else:
        text = format_date(
            timezone.localtime(value, tzinfo).date(), "long", locale=locale
        )
    return text.replace(NARROW_SPACE, " ")

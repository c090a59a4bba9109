"""Moderation settings, read when used (each documented in settings/base.py)."""

from django.conf import settings


def reports_to_hold() -> int:
    return max(1, settings.PARLEY_REPORTS_TO_HOLD)


def premoderate_first() -> int:
    return max(0, settings.PARLEY_PREMODERATE_FIRST_COMMENTS)


def max_links() -> int:
    return settings.PARLEY_MAX_LINKS


def duplicate_window_hours() -> int:
    return settings.PARLEY_DUPLICATE_WINDOW_HOURS

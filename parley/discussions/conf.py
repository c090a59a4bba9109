"""Discussion settings, read when used so tests and deployments can change them."""

from datetime import timedelta

from django.conf import settings


def edit_window() -> timedelta:
    return timedelta(seconds=settings.PARLEY_EDIT_WINDOW_SECONDS)


def max_display_depth() -> int:
    return max(1, settings.PARLEY_MAX_DISPLAY_DEPTH)


def page_size() -> int:
    return settings.PARLEY_PAGE_SIZE


def upvotes_only() -> bool:
    return settings.PARLEY_UPVOTES_ONLY


MAX_PAGE_SIZE = 1000
MAX_BODY_LENGTH = 10_000
MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
MAX_WEBSITE_LENGTH = 500
MAX_THREAD_KEY_LENGTH = 255

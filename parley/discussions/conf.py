"""Discussion settings, read when used so tests and deployments can change them."""

from datetime import timedelta

from django.conf import settings
from django.utils.module_loading import import_string


def edit_window() -> timedelta:
    return timedelta(seconds=settings.PARLEY_EDIT_WINDOW_SECONDS)


def max_display_depth() -> int:
    return max(1, settings.PARLEY_MAX_DISPLAY_DEPTH)


def page_size() -> int:
    return settings.PARLEY_PAGE_SIZE


def upvotes_only() -> bool:
    return settings.PARLEY_UPVOTES_ONLY


def page_text(key: str) -> str | None:
    """Return the plain text (anchors.plain_text) of the page this thread key
    is under, when this site holds it (an article), else None: the function
    PARLEY_PAGE_TEXT names, filled by the app that owns the pages."""
    source = getattr(settings, "PARLEY_PAGE_TEXT", "")
    return import_string(source)(key) if source else None


MAX_PAGE_SIZE = 1000
MAX_BODY_LENGTH = 10_000
MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
MAX_WEBSITE_LENGTH = 500
MAX_THREAD_KEY_LENGTH = 255


# "Notify of" subscriptions (docs/notifications.md).
def confirmation_window() -> timedelta:
    """How long one confirmation mail stands for an address and thread: asking
    again within it sends nothing more."""
    return timedelta(seconds=settings.PARLEY_CONFIRMATION_WINDOW_SECONDS)


def confirmations_per_address() -> int:
    """How many threads' confirmations one address may be sent in a day."""
    return settings.PARLEY_CONFIRMATIONS_PER_ADDRESS_PER_DAY

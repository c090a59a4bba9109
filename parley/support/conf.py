"""Reader support's settings, read when used (see config/settings/support.py)."""

from django.conf import settings
from django.utils.translation import get_language, to_locale


def webhook_secrets() -> list[str]:
    return list(settings.PARLEY_SUPPORT_WEBHOOK_SECRETS)


def webhook_tolerance() -> int:
    return settings.PARLEY_SUPPORT_WEBHOOK_TOLERANCE


def count_renewals() -> bool:
    return settings.PARLEY_SUPPORT_COUNT_RENEWALS


def badge_days() -> int:
    return settings.PARLEY_SUPPORTER_BADGE_DAYS


def locale() -> str:
    """The Babel locale amounts and periods are written in ("en_US"): the
    request's language unless PARLEY_SUPPORT_LOCALE names one."""
    return settings.PARLEY_SUPPORT_LOCALE or to_locale(
        get_language() or settings.LANGUAGE_CODE
    )

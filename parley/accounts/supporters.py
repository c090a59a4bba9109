"""
Who shows a "Supporter" badge: a reader who chose to (User.shows_supporter_badge,
off unless chosen) while their last gift (User.supported_at, which the ledger
keeps) is at most PARLEY_SUPPORTER_BADGE_DAYS old. Zero days: no badges at all.

Discussions read this to mark comments; nothing here knows of the ledger.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone


def badge_days() -> int:
    """How many days a gift lets its reader show the badge (0: badges are off)."""
    return max(0, settings.PARLEY_SUPPORTER_BADGE_DAYS)


def badges_are_on() -> bool:
    return badge_days() > 0


def badge_cutoff(at: datetime | None = None) -> datetime | None:
    """Return the earliest gift that still shows a badge at `at` (default now),
    or None when badges are off."""
    days = badge_days()
    if not days:
        return None
    return (at or timezone.now()) - timedelta(days=days)


def badge_holders(at: datetime | None = None) -> QuerySet:
    """The accounts whose comments show the badge at `at` (default now)."""
    User = get_user_model()
    cutoff = badge_cutoff(at)
    if cutoff is None:
        return User.objects.none()
    return User.objects.filter(
        is_active=True, shows_supporter_badge=True, supported_at__gte=cutoff
    )


def gave_recently(user, at: datetime | None = None) -> bool:
    """Return True if this account's last gift is recent enough for a badge,
    whether or not they chose to show one."""
    cutoff = badge_cutoff(at)
    return bool(
        cutoff is not None
        and user.is_active
        and user.supported_at is not None
        and user.supported_at >= cutoff
    )


def shows_badge(user, at: datetime | None = None) -> bool:
    """Return True if this account's comments show the badge at `at`."""
    return bool(
        user is not None and user.shows_supporter_badge and gave_recently(user, at)
    )


@dataclass(frozen=True)
class SupporterStatus:
    """What an account's settings page says of its badge."""

    days: int
    # The last day its latest gift shows a badge; None: no gift recent enough.
    ends_on: date | None
    shown: bool  # its comments show the badge now


def supporter_status(user) -> SupporterStatus | None:
    """Return the account's badge status, or None when badges are off."""
    days = badge_days()
    if not days:
        return None
    ends_on = None
    if gave_recently(user):
        ends_on = timezone.localtime(user.supported_at + timedelta(days=days)).date()
    return SupporterStatus(days, ends_on, shows_badge(user))

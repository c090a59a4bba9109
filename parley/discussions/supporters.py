"""
The "Supporter" badge on comments. Who shows one is the accounts' rule
(parley.accounts.supporters); this marks the comments a page shows, and keeps
the thread pages cached under versions right as badges come and go.

Choosing to show or hide the badge moves the version of every thread the
reader has written in (actions.choose_supporter_badge), so it shows at once. A
badge that starts with a gift (the ledger sets supported_at, and knows nothing
of threads) or ends because its gift grew old changes no version: a page
showing badges is right for one tick of the badge clock, and pages kept under
versions alone expire when their tick ends. So such a change shows within
BADGE_TICK_SECONDS, the longest any shared page is kept without a look at what
it shows (core.pages.MAX_PAGE_AGE_SECONDS).
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Exists, OuterRef, QuerySet, Value
from django.utils import timezone

from parley.accounts import supporters
from parley.core.pages import MAX_PAGE_AGE_SECONDS

from .models import Comment

BADGE_TICK_SECONDS = MAX_PAGE_AGE_SECONDS


@dataclass(frozen=True)
class BadgeClock:
    """The tick a cached page's badges are drawn for: its number (part of the
    page's key), the moment whose badges it shows (the tick's start, so every
    process builds the same page for the same key), and when it ends (a Unix
    time; infinity when badges are off, and pages never expire for them)."""

    tick: int
    as_of: datetime | None
    until: float


def badge_clock(now: float | None = None) -> BadgeClock:
    """Return the badge clock's current tick (`now`: a Unix time, for tests)."""
    if not supporters.badges_are_on():
        return BadgeClock(0, None, math.inf)
    now = timezone.now().timestamp() if now is None else now
    tick = int(now // BADGE_TICK_SECONDS)
    start = tick * BADGE_TICK_SECONDS
    return BadgeClock(
        tick, datetime.fromtimestamp(start, UTC), float(start + BADGE_TICK_SECONDS)
    )


def with_badges(comments: QuerySet, as_of: datetime | None = None) -> QuerySet:
    """Return the comments each marked `author_is_supporter`, in the same query
    (a lookup by primary key per comment, no query of its own)."""
    if not supporters.badges_are_on():
        return comments.annotate(author_is_supporter=Value(False))
    holders = supporters.badge_holders(as_of).filter(pk=OuterRef("user_id"))
    return comments.annotate(author_is_supporter=Exists(holders))


def shows_badge(comment: Comment) -> bool:
    """Return True if the comment's author shows the badge: as marked by
    with_badges, else looked up (one query for an account's comment, none for
    a guest's)."""
    marked = getattr(comment, "author_is_supporter", None)
    if marked is not None:
        return bool(marked)
    if comment.user_id is None:
        return False
    return supporters.shows_badge(comment.user)

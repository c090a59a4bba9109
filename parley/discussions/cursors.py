"""
Page cursors: a cursor is the position of the last comment on a page, signed so
that only a cursor the server wrote opens a page: a hand-made position (a date at
the edge of the calendar, a foreign time zone) never reaches a query.
"""

import binascii
from datetime import UTC, datetime, timedelta

from django.core import signing
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .errors import DiscussionError
from .models import Comment

CURSOR_SALT = "parley.discussions.cursor"
_CURSOR_SORTS = {"newest": "n", "oldest": "o", "votes": "v"}
MAX_CURSOR_LENGTH = 200
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
# Times a cursor may hold, in microseconds since the epoch: a day inside the
# calendar at both ends, so no time zone conversion can leave it.
_EARLIEST = (datetime(1, 1, 2, tzinfo=UTC) - _EPOCH) // _MICROSECOND
_LATEST = (datetime(9999, 12, 30, tzinfo=UTC) - _EPOCH) // _MICROSECOND
_MAX_INT = 2**63 - 1
INVALID_CURSOR = _("This page link is no longer valid; please reload the discussion.")


def encode(comment: Comment, sort: str) -> str:
    """Return the opaque link to the page after this comment in this sort: the
    same comment always gives the same cursor, so pages cache once."""
    since_epoch = (comment.created_at - _EPOCH) // _MICROSECOND
    position = [_CURSOR_SORTS[sort], since_epoch, comment.pk]
    if sort == "votes":
        position.append(comment.score)
    return signing.Signer(salt=CURSOR_SALT).sign_object(position)


def _is_int(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def position(cursor: str, sort: str) -> tuple[datetime, int, int]:
    """Return (created_at, pk, score) of a cursor the server wrote for this sort,
    or raise DiscussionError (400) for anything else."""
    invalid = DiscussionError.single("cursor", INVALID_CURSOR)
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise invalid
    try:
        position = signing.Signer(salt=CURSOR_SALT).unsign_object(cursor)
    except (signing.BadSignature, ValueError, TypeError, binascii.Error):
        raise invalid from None
    # Signed by this server, yet checked to the exact shape it writes: a shape
    # from another version of the code is refused, never half-read.
    size = 4 if sort == "votes" else 3
    if not (
        isinstance(position, list)
        and len(position) == size
        and position[0] == _CURSOR_SORTS[sort]
        and _is_int(position[1], _EARLIEST, _LATEST)
        and _is_int(position[2], 1, _MAX_INT)
        and (size == 3 or _is_int(position[3], -_MAX_INT, _MAX_INT))
    ):
        raise invalid
    created = _EPOCH + position[1] * _MICROSECOND
    return created, position[2], position[3] if size == 4 else 0


def after(cursor: str, sort: str) -> Q:
    """Return the filter for comments after the cursor's position, in this sort."""
    created, pk, score = position(cursor, sort)
    if sort == "oldest":
        return Q(created_at__gt=created) | Q(created_at=created, pk__gt=pk)
    later = Q(created_at__lt=created) | Q(created_at=created, pk__lt=pk)
    if sort == "votes":
        return Q(score__lt=score) | (Q(score=score) & later)
    return later


def ahead_of(comment: Comment, sort: str) -> Q:
    """Return the filter for comments before this one in this sort (what
    `after` leaves out, the comment aside)."""
    created, pk = comment.created_at, comment.pk
    if sort == "oldest":
        return Q(created_at__lt=created) | Q(created_at=created, pk__lt=pk)
    earlier = Q(created_at__gt=created) | Q(created_at=created, pk__gt=pk)
    if sort == "votes":
        return Q(score__gt=comment.score) | (Q(score=comment.score) & earlier)
    return earlier

"""
Writes of votes: one per reader, the score always the sum of the votes.

A vote is the most frequent write on a busy thread, so its statements are
written out once below instead of being compiled by the ORM on every vote
(that compilation was most of a vote's time). The same text runs on SQLite
(3.35+, for RETURNING) and PostgreSQL.
"""

from dataclasses import dataclass
from functools import cache

from django.db import IntegrityError, connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parley.core.db import lossy_transaction, one_writer, write_transaction

from .. import conf, signals
from ..errors import INVALID_VOTE, DiscussionError
from ..models import Comment, Vote
from .threads import touch_thread

COMMENT_GONE = _("This comment no longer exists.")


@dataclass(frozen=True)
class VoteResult:
    comment_id: int
    score: int
    upvotes: int
    downvotes: int
    my_vote: int


def cast_vote(
    comment: Comment, *, voter: str, value: object, first_vote: bool = False
) -> VoteResult:
    """
    Record this voter's vote: 1 up, -1 down, 0 to take it back.

    The score moves by the difference in one UPDATE, so it always equals the sum
    of the votes, however many arrive at once. Pass first_vote=True when the
    voter's identity was made for this very vote: there is no earlier vote of
    theirs to look for.
    """
    if type(value) is not int or value not in (1, -1, 0):
        raise DiscussionError.single("value", INVALID_VOTE)
    if value == -1 and conf.upvotes_only():
        raise DiscussionError.single("value", _("This site counts up-votes only."))
    if comment.is_deleted:
        raise DiscussionError.single(
            "comment", _("This comment was deleted and can't be voted on."), status=409
        )
    if not comment.is_published:
        raise DiscussionError.single("comment", COMMENT_GONE, 404)
    if first_vote and value == 0:
        return VoteResult(
            comment.pk, comment.score, comment.upvotes, comment.downvotes, my_vote=0
        )
    if not first_vote:
        # A repeated vote changes nothing: answer it from one read, without
        # taking the write lock.
        state = _read(_sql(connection.vendor)["state"], [voter, comment.pk])
        if state is None:
            raise DiscussionError.single("comment", COMMENT_GONE, 404)
        score, upvotes, downvotes, stored = state
        if (stored or 0) == value:
            return VoteResult(comment.pk, score, upvotes, downvotes, my_vote=value)
    for attempt in range(3):
        try:
            with write_transaction():
                result, changed = _write_vote(
                    comment.pk, voter, value, first_vote=first_vote
                )
                if changed and one_writer():
                    touch_thread(comment.thread_id, scores_only=True)
            break
        except IntegrityError:
            # Two first votes by one voter raced; the loser retries as an update.
            if attempt == 2:
                raise
            first_vote = False
    if changed and not one_writer():
        # On PostgreSQL the thread's row is not locked for the vote's whole
        # transaction, which would queue every voter of a thread behind each
        # other: the version moves on after the vote commits, in a transaction
        # of its own, still before the answer leaves, so every request that
        # starts after it sees the new version. If the process dies in between
        # (or the unflushed bump is lost in a crash), the vote stands and cached
        # pages of the thread refresh at its next write.
        with lossy_transaction():
            touch_thread(comment.thread_id, scores_only=True)
    if changed:
        signals.send_on_commit(
            signals.comment_voted,
            comment_id=result.comment_id,
            thread_id=comment.thread_id,
            score=result.score,
            upvotes=result.upvotes,
            downvotes=result.downvotes,
        )
    return result


def _write_vote(
    comment_id: int, voter: str, value: int, *, first_vote: bool
) -> tuple[VoteResult, bool]:
    """Write the vote and move the comment's counts; return the result and
    whether anything changed. Call inside a write transaction."""
    sql = _sql(connection.vendor)
    old = 0
    if not first_vote:
        row = _read(sql["stored"], [comment_id, voter])
        old = row[0] if row else 0
    if value != old:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        if old and value == 0:
            _execute(sql["delete"], [comment_id, voter])
        elif old:
            _execute(sql["change"], [value, now, comment_id, voter])
        else:
            _execute(sql["insert"], [comment_id, voter, value, now])
    up_delta = (value == 1) - (old == 1)
    down_delta = (value == -1) - (old == -1)
    counts = _read(
        sql["count"], [up_delta, down_delta, up_delta - down_delta, comment_id]
    )
    if counts is None:  # deleted for good since it was read: undo the vote
        raise DiscussionError.single("comment", COMMENT_GONE, 404)
    score, upvotes, downvotes = counts
    result = VoteResult(comment_id, score, upvotes, downvotes, my_vote=value)
    return result, value != old


def _read(statement: str, params: list) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()


def _execute(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@cache
def _sql(vendor: str) -> dict[str, str]:
    """Return the vote's statements, with the tables' and columns' quoted names."""
    q = connection.ops.quote_name
    votes, comments = q(Vote._meta.db_table), q(Comment._meta.db_table)
    lock = " FOR UPDATE" if vendor == "postgresql" else ""
    # Table names come from the models; every value is a parameter.
    return {
        "state": (
            f"SELECT c.score, c.upvotes, c.downvotes, (SELECT v.value FROM {votes} v"  # noqa: S608
            " WHERE v.comment_id = c.id AND v.voter = %s)"
            f" FROM {comments} c WHERE c.id = %s"
        ),
        "stored": (
            f"SELECT value FROM {votes} WHERE comment_id = %s AND voter = %s{lock}"  # noqa: S608
        ),
        "insert": (
            f"INSERT INTO {votes} (comment_id, voter, value, created_at)"  # noqa: S608
            " VALUES (%s, %s, %s, %s)"
        ),
        "change": (
            f"UPDATE {votes} SET value = %s, created_at = %s"  # noqa: S608
            " WHERE comment_id = %s AND voter = %s"
        ),
        "delete": f"DELETE FROM {votes} WHERE comment_id = %s AND voter = %s",  # noqa: S608
        # The count moves and is read back in one statement, under the row lock.
        "count": (
            f"UPDATE {comments} SET upvotes = upvotes + %s,"  # noqa: S608
            " downvotes = downvotes + %s, score = score + %s"
            " WHERE id = %s RETURNING score, upvotes, downvotes"
        ),
    }

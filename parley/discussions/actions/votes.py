"""Writes of votes: one per reader, the score always the sum of the votes."""

from dataclasses import dataclass

from django.db import IntegrityError
from django.db.models import F, OuterRef, Subquery

from parley.core.db import write_transaction

from .. import conf
from ..errors import INVALID_VOTE, DiscussionError
from ..models import Comment, Vote
from .threads import touch_thread


@dataclass(frozen=True)
class VoteResult:
    comment_id: int
    score: int
    upvotes: int
    downvotes: int
    my_vote: int


def cast_vote(comment: Comment, *, voter: str, value: object) -> VoteResult:
    """
    Record this voter's vote: 1 up, -1 down, 0 to take it back.

    The score moves by the difference in one UPDATE, so it always equals the sum
    of the votes, however many arrive at once.
    """
    if type(value) is not int or value not in (1, -1, 0):
        raise DiscussionError.single("value", INVALID_VOTE)
    if value == -1 and conf.upvotes_only():
        raise DiscussionError.single("value", "This site counts up-votes only.")
    if comment.is_deleted:
        raise DiscussionError.single(
            "comment", "This comment was deleted and can't be voted on.", status=409
        )
    if not comment.is_published:
        raise DiscussionError.single("comment", "This comment no longer exists.", 404)
    # A repeated vote changes nothing: answer it from one read, without taking
    # the write lock.
    state = (
        Comment.objects.filter(pk=comment.pk)
        .annotate(
            stored=Subquery(
                Vote.objects.filter(comment_id=OuterRef("pk"), voter=voter).values(
                    "value"
                )[:1]
            )
        )
        .values("score", "upvotes", "downvotes", "stored")
        .first()
    )
    if state is None:
        raise DiscussionError.single("comment", "This comment no longer exists.", 404)
    if (state.pop("stored") or 0) == value:
        return VoteResult(comment.pk, my_vote=value, **state)
    for attempt in range(3):
        try:
            with write_transaction():
                return _write_vote(comment.pk, comment.thread_id, voter, value)
        except IntegrityError:
            # Two first votes by one voter raced; the loser retries as an update.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _write_vote(comment_id: int, thread_id: int, voter: str, value: int) -> VoteResult:
    existing = (
        Vote.objects.select_for_update()
        .filter(comment_id=comment_id, voter=voter)
        .first()
    )
    old = existing.value if existing else 0
    if value == old:
        current = Comment.objects.values("score", "upvotes", "downvotes").get(
            pk=comment_id
        )
        return VoteResult(comment_id, my_vote=value, **current)
    if existing and value == 0:
        existing.delete()
    elif existing:
        existing.value = value
        existing.save(update_fields=["value", "created_at"])
    else:
        Vote.objects.create(comment_id=comment_id, voter=voter, value=value)
    up_delta = (value == 1) - (old == 1)
    down_delta = (value == -1) - (old == -1)
    Comment.objects.filter(pk=comment_id).update(
        upvotes=F("upvotes") + up_delta,
        downvotes=F("downvotes") + down_delta,
        score=F("score") + up_delta - down_delta,
    )
    touch_thread(thread_id)
    current = Comment.objects.values("score", "upvotes", "downvotes").get(pk=comment_id)
    return VoteResult(comment_id, my_vote=value, **current)

"""Votes: what one costs, and that voters of one thread don't queue for each other."""

import threading
from contextlib import contextmanager

import pytest
from django.db import connection

from parley.discussions import actions
from parley.discussions.actions import votes
from parley.discussions.errors import DiscussionError
from parley.discussions.models import Comment, Thread, Vote
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db


def _version(thread: Thread) -> int:
    return Thread.objects.values_list("version", flat=True).get(pk=thread.pk)


def test_a_new_voters_vote_is_three_statements_in_one_transaction(
    django_assert_num_queries,
):
    """No lookup of an earlier vote: insert, count moved and read back, version."""
    comment = post(make_thread(), "x")
    version = _version(comment.thread)
    sqlite = connection.vendor == "sqlite"
    # savepoint, insert, count, [version], release[, savepoint, version, release]
    with django_assert_num_queries(5 if sqlite else 7):
        result = actions.cast_vote(comment, voter="a:new", value=1, first_vote=True)
    assert (result.score, result.upvotes, result.my_vote) == (1, 1, 1)
    assert _version(comment.thread) == version + 1


def test_a_known_voters_changed_vote_moves_the_counts_by_the_difference(
    django_assert_num_queries,
):
    comment = post(make_thread(), "x")
    actions.cast_vote(comment, voter="a:one", value=1)
    sqlite = connection.vendor == "sqlite"
    # state; savepoint, stored vote, change, count, [version], release[, ...]
    with django_assert_num_queries(7 if sqlite else 9):
        result = actions.cast_vote(comment, voter="a:one", value=-1)
    assert (result.score, result.upvotes, result.downvotes) == (-1, 0, 1)
    assert Vote.objects.get(comment=comment).value == -1


def test_a_new_voter_taking_back_nothing_writes_nothing(django_assert_num_queries):
    comment = post(make_thread(), "x")
    with django_assert_num_queries(0):
        result = actions.cast_vote(comment, voter="a:new", value=0, first_vote=True)
    assert result.score == 0


def test_a_vote_on_a_comment_removed_meanwhile_is_refused_and_undone():
    comment = post(make_thread(), "x")
    Comment.objects.filter(pk=comment.pk).delete()
    with pytest.raises(DiscussionError) as raised:
        actions.cast_vote(comment, voter="a:late", value=1, first_vote=True)
    assert raised.value.status == 404
    assert not Vote.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_votes_on_one_thread_do_not_wait_for_each_others_transaction(monkeypatch):
    """While one vote's transaction is open, a vote on another comment of the same
    thread completes, and moves the thread's version."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite takes one writer at a time")
    thread = make_thread()
    held, other = post(thread, "held"), post(thread, "other")
    version = _version(thread)
    inside, release = threading.Event(), threading.Event()
    holder_name = "holder"
    write_transaction = votes.write_transaction

    @contextmanager
    def held_open():
        """The holder's vote transaction stays open until released."""
        with write_transaction():
            yield
            if threading.current_thread().name == holder_name:
                inside.set()
                release.wait(timeout=30)

    monkeypatch.setattr(votes, "write_transaction", held_open)
    failures: list[Exception] = []

    def vote(comment) -> None:
        try:
            actions.cast_vote(comment, voter="a:v", value=1)
        except Exception as error:  # asserted below
            failures.append(error)
        finally:
            connection.close()

    holder = threading.Thread(target=vote, args=(held,), name=holder_name)
    holder.start()
    try:
        assert inside.wait(timeout=10)
        second = threading.Thread(target=vote, args=(other,))
        second.start()
        second.join(timeout=5)
        finished_while_held = not second.is_alive()
        version_while_held = _version(thread)
    finally:
        release.set()
        holder.join(timeout=30)
    second.join(timeout=30)
    assert finished_while_held
    assert version_while_held == version + 1
    assert not failures
    assert _version(thread) == version + 2

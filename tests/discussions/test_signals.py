"""The "this happened" signals outer apps (notifications, live updates) act on."""

import pytest

from parley.discussions import actions, signals
from parley.discussions.models import Comment
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """Record every discussion signal sent, as (name, kwargs without sender)."""
    records = []
    receivers = {}
    for name in ("comment_written", "comment_status_changed", "comment_voted"):

        def receiver(sender, _name=name, **kwargs):
            kwargs.pop("signal", None)
            records.append((_name, kwargs))

        receivers[name] = receiver
        getattr(signals, name).connect(receiver)
    yield records
    for name, receiver in receivers.items():
        getattr(signals, name).disconnect(receiver)


def test_posting_and_editing_say_which(heard, django_capture_on_commit_callbacks):
    """A new comment is sent as created, an edit as not."""
    thread = make_thread()
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(thread, "First words.")
        actions.edit_comment(comment, body="Second words.")
    assert [(name, kw["created"]) for name, kw in heard] == [
        ("comment_written", True),
        ("comment_written", False),
    ]


def test_moderation_and_deletion_send_the_change_of_state(
    heard, django_capture_on_commit_callbacks
):
    """Holding, publishing and deleting each send old and new status."""
    thread = make_thread()
    comment = post(thread)
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_comment_status(comment, Comment.Status.PENDING)
        actions.set_comment_status(comment, Comment.Status.PUBLISHED)
        actions.delete_comment(comment)
    changes = [
        (kw["comment_id"], kw["old_status"], kw["new_status"], kw["is_public"])
        for name, kw in heard
    ]
    assert changes == [
        (comment.pk, "published", "pending", False),
        (comment.pk, "pending", "published", True),
        (comment.pk, "published", "deleted", False),
    ]
    assert {kw["thread_id"] for _, kw in heard} == {thread.pk}


def test_a_vote_sends_the_new_score_once(heard, django_capture_on_commit_callbacks):
    """A vote that moves the score is sent; repeating it sends nothing."""
    comment = post(make_thread())
    with django_capture_on_commit_callbacks(execute=True):
        actions.cast_vote(comment, voter="v:1", value=1)
        actions.cast_vote(comment, voter="v:1", value=1)
    assert heard == [
        (
            "comment_voted",
            {
                "comment_id": comment.pk,
                "thread_id": comment.thread_id,
                "score": 1,
                "upvotes": 1,
                "downvotes": 0,
            },
        )
    ]

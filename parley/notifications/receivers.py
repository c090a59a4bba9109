"""
What discussions say happened (after commit), turned into queued work. A
comment notifies when readers first see it: written published, or moved to
published by a moderator; a held or rejected one never does until then.
"""

from parley.discussions import signals
from parley.discussions.models import Comment

from . import tasks

PUBLISHED = Comment.Status.PUBLISHED


def comment_written(sender, *, comment, created, **kwargs):
    if created and comment.status == PUBLISHED:
        tasks.enqueue(tasks.notify_comment, comment.pk)


def comment_status_changed(sender, *, comment_id, old_status, new_status, **kwargs):
    if new_status == PUBLISHED and old_status != PUBLISHED:
        tasks.enqueue(tasks.notify_comment, comment_id)


def subscription_requested(sender, *, email, thread_id, **kwargs):
    tasks.enqueue(tasks.send_confirmation, email, thread_id)


def connect() -> None:
    """Listen to discussions (NotificationsConfig.ready)."""
    uid = "parley.notifications"
    signals.comment_written.connect(comment_written, dispatch_uid=f"{uid}.written")
    signals.comment_status_changed.connect(
        comment_status_changed, dispatch_uid=f"{uid}.status"
    )
    signals.subscription_requested.connect(
        subscription_requested, dispatch_uid=f"{uid}.requested"
    )

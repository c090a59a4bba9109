"""
A comment's state after it is written: moderators' decisions (published,
pending, rejected, featured) and deletion, each keeping counts, "[deleted]"
placeholders and the thread's version right.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parley.core.db import write_transaction

from .. import signals
from ..errors import DiscussionError
from ..models import Comment
from .threads import touch_thread

Status = Comment.Status
# How far along the way to readers a state is: an edit never moves a comment
# towards readers (a held comment stays held however it is rephrased).
STRICTNESS = {Status.PUBLISHED: 0, Status.PENDING: 1, Status.REJECTED: 2}


def set_comment_status(
    comment: Comment, status: str, *, reviewed: bool = True
) -> Comment:
    """Move a comment to published, pending or rejected, keeping counts,
    placeholders and the thread's version right. `reviewed` says a person
    decided (the desk's Unmoderated queue is what no person has looked at)."""
    if status not in STRICTNESS:
        raise DiscussionError.single(
            "status", _("Choose published, pending or rejected.")
        )
    with write_transaction():
        current = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if current is None or current.is_deleted:
            raise DiscussionError.single(
                "comment", _("This comment was deleted meanwhile."), status=409
            )
        if current.status != status:
            change_status(current, status)
        if reviewed:
            current.reviewed_at = timezone.now()
            current.save(update_fields=["reviewed_at"])
    return current


def feature_comment(comment: Comment, *, featured: bool = True) -> None:
    """Mark a comment as one the newsroom highlights."""
    with write_transaction():
        changed = (
            Comment.objects.filter(pk=comment.pk)
            .exclude(is_featured=featured)
            .update(is_featured=featured, reviewed_at=timezone.now())
        )
        if changed and comment.is_public:
            touch_thread(comment.thread_id)
    comment.is_featured = featured


def change_status(comment: Comment, status: str) -> None:
    """Apply a change of state inside the caller's transaction, comment row locked."""
    was_published, old_status = comment.is_published, comment.status
    comment.status = status
    Comment.objects.filter(pk=comment.pk).update(status=status)
    now_published = comment.is_published
    changed = _settle_visibility(comment)
    if changed or was_published != now_published:
        touch_thread(
            comment.thread_id, comments_added=int(now_published) - int(was_published)
        )
    _send_status_changed(comment, old_status, status)


def _settle_visibility(comment: Comment | None) -> bool:
    """
    Recompute is_public for a comment and up its ancestors: a row is public when
    it is published, or when it must stay as a placeholder for public replies.
    Return True if any row changed.
    """
    changed = False
    while comment is not None:
        public = comment.is_published or (
            Comment.objects.filter(parent_id=comment.pk, is_public=True).exists()
        )
        if public == comment.is_public:
            break
        Comment.objects.filter(pk=comment.pk).update(is_public=public)
        comment.is_public = public
        changed = True
        comment = (
            Comment.objects.filter(pk=comment.parent_id).first()
            if comment.parent_id
            else None
        )
    return changed


def delete_comment(comment: Comment) -> None:
    """
    Remove a comment. One with replies stays as a "[deleted]" placeholder so the
    thread keeps its shape; a placeholder left with no replies goes too.
    """
    with write_transaction():
        _delete_comment(comment)


def _delete_comment(comment: Comment) -> None:
    # Every write touches comment rows before the thread row, so that two
    # writers on PostgreSQL always take their locks in the same order. The row
    # is read again under its lock: two deletes at once must count once.
    comment = Comment.objects.select_for_update().filter(pk=comment.pk).first()
    if comment is None or comment.is_deleted:
        return
    was_published, was_public = comment.is_published, comment.is_public
    comment_id, old_status = comment.pk, comment.status
    parent = None
    if comment.replies.exists():
        comment.status = Status.DELETED
        comment.body_markdown = ""
        comment.body_html = ""
        comment.author_name = ""
        comment.author_email = ""
        comment.author_website = ""
        comment.user = None
        comment.save(
            update_fields=[
                "status",
                "body_markdown",
                "body_html",
                "author_name",
                "author_email",
                "author_website",
                "user",
            ]
        )
        _settle_visibility(comment)
    else:
        parent_id = comment.parent_id
        comment.delete()
        while parent_id is not None:
            parent = Comment.objects.filter(pk=parent_id).first()
            if parent is None or not parent.is_deleted or parent.replies.exists():
                break
            parent_id = parent.parent_id
            parent.delete()
            parent = None
        _settle_visibility(parent)
    if was_public or was_published:
        touch_thread(comment.thread_id, comments_added=-int(was_published))
    if comment.pk is None:
        comment.is_public = False
    _send_status_changed(comment, old_status, Status.DELETED, comment_id=comment_id)


def _send_status_changed(
    comment: Comment, old_status: str, new_status: str, *, comment_id: int = 0
) -> None:
    signals.send_on_commit(
        signals.comment_status_changed,
        comment=comment,
        comment_id=comment_id or comment.pk,
        thread_id=comment.thread_id,
        old_status=old_status,
        new_status=new_status,
        is_public=comment.is_public,
    )

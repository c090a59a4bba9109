"""
What happened in a discussion, for outer apps (the moderation log, notifications,
live updates) to act on. Sent after the transaction commits: they say "this
happened", never "may this happen" (that is the intake's job).
"""

from django.db import transaction
from django.dispatch import Signal

# A comment was written (created=True) or edited (created=False); kwargs:
# comment, decision (intake.Decision), created. The comment's status is the one
# it was stored with: a held or rejected comment is sent too.
comment_written = Signal()

# A comment's state changed after it was written: a moderator published, held or
# rejected it, or it was deleted. kwargs: comment (as it is now; a deleted
# comment that left no placeholder has no row any more), comment_id, thread_id,
# old_status, new_status (a Comment.Status value, or "deleted"), is_public (it
# still shows to readers, as a "[deleted]" placeholder if it is not published).
comment_status_changed = Signal()

# A vote moved a published comment's score; kwargs: comment_id, thread_id, score,
# upvotes, downvotes.
comment_voted = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    """Send the signal once the current transaction commits."""
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))


# An address asked to be told of new comments in a thread and must confirm it
# first (a guest's subscription); kwargs: email, thread_id. Sent at most once
# per address and thread in the confirmation window, and not at all past the
# address's daily cap, however often it is asked: whoever receives it gets
# the one mail that lets them say yes.
subscription_requested = Signal()

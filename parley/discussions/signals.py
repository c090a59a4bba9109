"""
What happened in a discussion, for outer apps (the moderation log, notifications)
to act on. Sent after the transaction commits: they say "this happened", never
"may this happen" (that is the intake's job).
"""

from django.db import transaction
from django.dispatch import Signal

# A comment was written or edited; kwargs: comment, decision (intake.Decision).
comment_written = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    """Send the signal once the current transaction commits."""
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))

"""The reader's choice to show a "Supporter" badge on their comments."""

from django.db.models import F

from parley.accounts import supporters
from parley.core import versions
from parley.core.db import write_transaction

from ..models import Comment, Thread


def choose_supporter_badge(user, *, show: bool) -> None:
    """Keep whether this reader shows the badge. If that shows or hides one now,
    every thread they have written in is read anew: its cached pages follow at
    once."""
    if user.shows_supporter_badge == show:
        return
    with write_transaction():
        user.shows_supporter_badge = show
        user.save(update_fields=["shows_supporter_badge"])
        if supporters.gave_recently(user):
            touch_threads_of(user.pk)


def touch_threads_of(user_id: int) -> int:
    """Move the versions of every thread this account has a comment readers
    see in (one statement); return how many. Call inside the write's
    transaction."""
    written_in = Comment.objects.filter(user_id=user_id, is_public=True).values(
        "thread_id"
    )
    touched = Thread.objects.filter(pk__in=written_in).update(
        version=F("version") + 1, content_version=F("content_version") + 1
    )
    if touched:
        versions.announce()
    return touched

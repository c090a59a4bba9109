"""
Reads of "Notify of" subscriptions: who is told of a comment, and what an
address or an account follows. (Split from queries.py by concept, as
cursors.py is.)
"""

from dataclasses import dataclass

from django.db.models import Q

from .models import Comment, Subscription, SubscriptionDefaults, Thread

Kind = Subscription.Kind
# When one comment concerns a reader for several reasons, the mail names the
# closest: a reply to the comment they follow, then to their own, then the thread.
PRIORITY = {Kind.COMMENT: 0, Kind.REPLIES: 1, Kind.THREAD: 2}


@dataclass(frozen=True)
class Recipient:
    """One address to tell of a comment, and the subscription that asks for it."""

    email: str
    subscription_id: int
    kind: str
    delivery: str


def recipients(comment: Comment) -> list[Recipient]:
    """
    Return the addresses to tell of a published comment, one each: confirmed
    subscriptions to its thread, to replies to its parent, and to replies to
    its parent's author's comments; never its own author.
    """
    if not comment.is_published:
        return []
    wanted = Q(kind=Kind.THREAD)
    parent = comment.parent if comment.parent_id else None
    if parent is not None:
        wanted |= Q(kind=Kind.COMMENT, comment_id=parent.pk)
        if parent.user_id:
            wanted |= Q(kind=Kind.REPLIES, user_id=parent.user_id)
        elif parent.author_email:
            wanted |= Q(
                kind=Kind.REPLIES,
                user__isnull=True,
                email=parent.author_email.strip().lower(),
            )
    rows = Subscription.objects.confirmed().filter(wanted, thread_id=comment.thread_id)
    author_email = comment.author_email.strip().lower()
    if author_email:
        rows = rows.exclude(email=author_email)
    if comment.user_id:
        rows = rows.exclude(user_id=comment.user_id)
    chosen: dict[str, Subscription] = {}
    for row in rows.order_by("pk"):
        best = chosen.get(row.email)
        if best is None or PRIORITY[row.kind] < PRIORITY[best.kind]:
            chosen[row.email] = row
    return [
        Recipient(row.email, row.pk, row.kind, row.delivery) for row in chosen.values()
    ]


def subscriptions_of(*, email: str = "", user=None) -> list[Subscription]:
    """Return an address's (or an account's) subscriptions, newest first, with
    their threads and comments."""
    if user is not None:
        condition = Q(user=user)
        if user.email:
            condition |= Q(email=user.email.strip().lower())
    else:
        condition = Q(email=email)
    return list(
        Subscription.objects.filter(condition)
        .select_related("thread", "comment")
        .order_by("-created_at", "-pk")
    )


def pending_in_thread(email: str, thread_id: int) -> list[Subscription]:
    """Return what an address waits to confirm in a thread."""
    return list(
        Subscription.objects.filter(
            email=email, thread_id=thread_id, confirmed_at__isnull=True
        )
        .select_related("thread", "comment")
        .order_by("pk")
    )


def followed_thread(thread_id: int) -> Thread | None:
    """Return the thread a confirmation is about (its title and address), or
    None if it is gone."""
    return Thread.objects.filter(pk=thread_id).only("key", "title", "url").first()


def defaults_for(user) -> SubscriptionDefaults:
    """Return an account's defaults for new subscriptions (unsaved if never set)."""
    return SubscriptionDefaults.objects.filter(user=user).first() or (
        SubscriptionDefaults(user=user)
    )


def followed_in_thread(user, thread_id: int) -> set[str]:
    """Return the kinds an account follows a thread by ("thread", "replies")."""
    return set(
        Subscription.objects.confirmed()
        .filter(user=user, thread_id=thread_id, comment__isnull=True)
        .values_list("kind", flat=True)
    )

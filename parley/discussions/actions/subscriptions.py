"""
Writes of "Notify of" subscriptions: subscribing (a guest's waits for its
address to confirm it), confirming, ending, and an account's defaults.

Whatever a guest's address has or hasn't agreed to before, subscribing it
does the same thing and returns the same: callers answer every guest alike,
so nobody learns who reads what. The mail is sent by whatever listens to
signals.subscription_requested (the notifications app).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parley.core.db import write_transaction
from parley.core.text import storable_text_error

from .. import conf, signals
from ..errors import DiscussionError
from ..models import Comment, Subscription, SubscriptionDefaults, Thread

Kind = Subscription.Kind
Delivery = Subscription.Delivery
MISSING_EMAIL = _("Please enter your e-mail address to be notified.")
INVALID_EMAIL = _("Please enter a valid e-mail address.")
# What every subscribe request is answered with: a guest's answer is the same
# whatever their address has or hasn't confirmed before.
GUEST_ANSWER = _(
    "Check your inbox: unless this address has already confirmed these "
    "notifications, we've sent it a link to confirm them. Nothing is sent "
    "until it's confirmed."
)
ACCOUNT_ANSWER = _(
    "Done: we'll e-mail you about new comments. You can change this on your "
    "notifications page."
)
CHOOSE_DELIVERY = _("Choose immediately or daily.")
ACCOUNT_WITHOUT_EMAIL = _(
    "Your account has no e-mail address to notify; please ask the newsroom to add one."
)


@dataclass(frozen=True)
class Subscriber:
    """Who subscribes: a signed-in user (their account's address), or a guest
    with the address they typed."""

    user: object | None = None
    email: str = ""


def clean_email(value: object) -> str:
    """Return the address lower-cased, or raise DiscussionError on the field."""
    email = value.strip() if isinstance(value, str) else ""
    if not email:
        raise DiscussionError.single("email", MISSING_EMAIL)
    try:
        if storable_text_error(email) or len(email) > conf.MAX_EMAIL_LENGTH:
            raise ValidationError("unusable")
        EmailValidator()(email)
    except ValidationError:
        raise DiscussionError.single("email", INVALID_EMAIL) from None
    return email.lower()


def _address(subscriber: Subscriber) -> tuple[object | None, str]:
    user = subscriber.user
    if getattr(user, "is_authenticated", False):
        if not user.email:
            raise DiscussionError.single("email", ACCOUNT_WITHOUT_EMAIL)
        return user, user.email.strip().lower()
    return None, clean_email(subscriber.email)


def _kinds(kinds: Iterable[str], comment: Comment | None) -> list[str]:
    chosen = list(dict.fromkeys(kinds))
    if not chosen or any(kind not in Kind.values for kind in chosen):
        raise DiscussionError.single(
            "kinds", _("Choose what to be notified of: thread, replies or comment.")
        )
    if (Kind.COMMENT in chosen) != (comment is not None):
        raise DiscussionError.single(
            "comment", _("Say which comment's replies to be notified of.")
        )
    return chosen


def subscribe(
    thread: Thread,
    *,
    subscriber: Subscriber,
    kinds: Iterable[str],
    comment: Comment | None = None,
    delivery: str = "",
) -> str:
    """
    Subscribe an address to new comments in a thread: "thread" (all of them),
    "replies" (replies to the subscriber's own comments), "comment" (replies to
    `comment`, a published comment of the thread).

    A signed-in reader's subscriptions start at once. A guest's wait for a
    confirmation: at most one mail per address and thread in the confirmation
    window, and none past the address's daily cap. An existing subscription is
    left as it is. Return the sentence to answer with (the same for every
    guest); raise DiscussionError on a missing or invalid address.
    """
    kinds = _kinds(kinds, comment)
    if comment is not None and (
        comment.thread_id != thread.pk or not comment.is_published
    ):
        raise DiscussionError.single(
            "comment",
            _("The comment you asked about no longer exists."),
            status=404,
        )
    user, email = _address(subscriber)
    if delivery not in Delivery.values:
        delivery = _defaults(user).delivery if user else Delivery.IMMEDIATE
    now = timezone.now()
    with write_transaction():
        for kind in kinds:
            row, _created = Subscription.objects.get_or_create(
                thread=thread,
                kind=kind,
                email=email,
                comment=comment if kind == Kind.COMMENT else None,
                defaults={"delivery": delivery, "user": user},
            )
            if user is not None and not row.is_confirmed:
                # The account vouches for its own address.
                row.user, row.confirmed_at = user, now
                row.save(update_fields=["user", "confirmed_at"])
        if user is None:
            _request_confirmation(thread, email, now)
    return str(ACCOUNT_ANSWER if user is not None else GUEST_ANSWER)


def _request_confirmation(thread: Thread, email: str, now: datetime) -> None:
    pending = Subscription.objects.filter(
        thread=thread, email=email, confirmed_at__isnull=True
    )
    if not pending.exists():
        return
    window_start = now - conf.confirmation_window()
    if pending.filter(confirmation_requested_at__gt=window_start).exists():
        return  # the mail already sent stands
    asked_today = (
        Subscription.objects.filter(
            email=email, confirmation_requested_at__gt=now - timedelta(days=1)
        )
        .values("thread")
        .distinct()
        .count()
    )
    if asked_today >= conf.confirmations_per_address():
        return
    pending.update(confirmation_requested_at=now)
    signals.send_on_commit(
        signals.subscription_requested, email=email, thread_id=thread.pk
    )


def confirm_subscriptions(email: str, thread_id: int, asked_at: datetime) -> int:
    """Confirm the address's subscriptions in a thread made up to `asked_at`
    (when the confirmation was signed); return how many there are now."""
    with write_transaction():
        Subscription.objects.filter(
            email=email,
            thread_id=thread_id,
            confirmed_at__isnull=True,
            created_at__lte=asked_at,
        ).update(confirmed_at=timezone.now())
        return (
            Subscription.objects.confirmed()
            .filter(email=email, thread_id=thread_id)
            .count()
        )


def end_subscriptions(email: str, ids: Iterable[int] | None = None) -> int:
    """End the address's subscriptions with these ids (all of them when ids is
    None); return how many ended."""
    rows = Subscription.objects.filter(email=email)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    with write_transaction():
        deleted, _by_model = rows.delete()
    return deleted


def set_delivery(email: str, ids: Iterable[int], delivery: str) -> None:
    """Choose how the address's subscriptions with these ids are mailed."""
    if delivery not in Delivery.values:
        raise DiscussionError.single("delivery", CHOOSE_DELIVERY)
    with write_transaction():
        Subscription.objects.filter(email=email, pk__in=list(ids)).update(
            delivery=delivery
        )


def _defaults(user) -> SubscriptionDefaults:
    return SubscriptionDefaults.objects.filter(user=user).first() or (
        SubscriptionDefaults(user=user)
    )


def save_defaults(
    user, *, follow_thread: bool, follow_replies: bool, delivery: str
) -> SubscriptionDefaults:
    """Keep a signed-in reader's defaults for new subscriptions."""
    if delivery not in Delivery.values:
        raise DiscussionError.single("delivery", CHOOSE_DELIVERY)
    with write_transaction():
        defaults, _created = SubscriptionDefaults.objects.update_or_create(
            user=user,
            defaults={
                "follow_thread": follow_thread,
                "follow_replies": follow_replies,
                "delivery": delivery,
            },
        )
    return defaults


def forget_unconfirmed(*, before: datetime) -> int:
    """Delete guests' subscriptions never confirmed and asked for before then
    (their link has expired); return how many went."""
    with write_transaction():
        deleted, _by_model = Subscription.objects.filter(
            confirmed_at__isnull=True, created_at__lt=before
        ).delete()
    return deleted

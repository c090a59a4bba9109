"""
Background work (django-tasks): each task takes ids and fetches again, so it
acts on the state it finds, not the one it was queued with.

A send that fails (the SMTP server refuses or is away) is queued again with
`run_after` after 1, 4, 16 … times PARLEY_MAIL_RETRY_SECONDS, up to
PARLEY_MAIL_ATTEMPTS; django-tasks has no retries of its own. A delivery row
is claimed (pending -> sending) before its mail goes, so a task queued twice
never mails twice.
"""

import logging
import smtplib
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from parley.core.db import write_transaction
from parley.discussions import subscribers
from parley.discussions.actions import forget_unconfirmed
from parley.discussions.models import Comment, Subscription

from . import mail
from .models import Delivery, QueueDigest, Schedule

logger = logging.getLogger(__name__)
Status = Delivery.Status
SEND_ERRORS = (smtplib.SMTPException, OSError)
DAILY = "daily_digests"
# A moderator's queue digest goes at most this often, however many runs happen.
QUEUE_DIGEST_GAP = timedelta(hours=20)
# Immediate deliveries still waiting this long lost their task (a queue outage
# when it was retried): the daily run queues them again.
STRANDED_AFTER = timedelta(hours=1)
QUEUE_DIGEST_SIZE = 20


def enqueue(task_, *args, run_after: datetime | None = None, **kwargs) -> str:
    """
    Queue a task and return its id; if the queue can't take it, log that and
    return "". A comment is posted and moderated whatever happens to its mail.
    """
    try:
        if run_after is not None:
            task_ = task_.using(run_after=run_after)
        return str(task_.enqueue(*args, **kwargs).id)
    except Exception:
        logger.exception("Could not queue %s%r", task_.name, args)
        return ""


def retry_delay(attempt: int) -> timedelta:
    return timedelta(seconds=settings.PARLEY_MAIL_RETRY_SECONDS * 4 ** (attempt - 1))


def _retry(rows, attempt: int, task_, *args) -> str:
    """After a failed send: queue the next attempt, or give up after the last."""
    if attempt >= settings.PARLEY_MAIL_ATTEMPTS:
        rows.update(status=Status.FAILED, claim="")
        logger.error(
            "Gave up sending %s%r after %d attempts", task_.name, args, attempt
        )
        return "failed"
    rows.update(status=Status.PENDING, claim="")
    _queue_next_attempt(attempt, task_, *args)
    return "retrying"


def _queue_next_attempt(attempt: int, task_, *args) -> None:
    """Queue attempt + 1 of a send after its backoff (the caller has checked
    that one is left)."""
    enqueue(
        task_,
        *args,
        attempt=attempt + 1,
        run_after=timezone.now() + retry_delay(attempt),
    )


@task()
def notify_comment(comment_id: int) -> int:
    """Record who is told of a comment now readers see it, and queue the mail
    of those who want it at once; return how many mails are queued."""
    comment = (
        Comment.objects.select_related("thread", "parent").filter(pk=comment_id).first()
    )
    if comment is None or not comment.is_published:
        return 0
    Delivery.objects.bulk_create(
        [
            Delivery(
                comment=comment,
                address=recipient.email,
                subscription_id=recipient.subscription_id,
                kind=recipient.kind,
                digest=recipient.delivery == Subscription.Delivery.DAILY,
            )
            for recipient in subscribers.recipients(comment)
        ],
        ignore_conflicts=True,  # told before (approved again): told once
    )
    due = list(
        Delivery.objects.filter(
            comment=comment, digest=False, status=Status.PENDING
        ).values_list("pk", flat=True)
    )
    for delivery_id in due:
        enqueue(send_notification, delivery_id)
    return len(due)


@task()
def send_notification(delivery_id: int, attempt: int = 1) -> str:
    """Mail one comment to one address, unless it is no longer wanted."""
    delivery = (
        Delivery.objects.select_related("comment__thread", "subscription")
        .filter(pk=delivery_id, status=Status.PENDING)
        .first()
    )
    if delivery is None:
        return "done"
    if not delivery.comment.is_published:
        return "waiting"  # held again: queued anew if it is approved again
    rows = Delivery.objects.filter(pk=delivery.pk)
    if delivery.subscription is None:
        rows.update(status=Status.DROPPED)
        return "dropped"
    if not rows.filter(status=Status.PENDING).update(
        status=Status.SENDING, attempts=F("attempts") + 1
    ):
        return "done"  # another run took it
    message = mail.notification_mail(
        delivery.address, delivery.comment, delivery.subscription
    )
    try:
        message.send()
    except SEND_ERRORS as error:
        logger.warning("Notification %s not sent (%s)", delivery.pk, error)
        return _retry(rows, attempt, send_notification, delivery.pk)
    rows.update(status=Status.SENT, sent_at=timezone.now())
    return "sent"


@task()
def send_confirmation(email: str, thread_id: int, attempt: int = 1) -> str:
    """Mail an address the link that confirms its subscriptions in a thread."""
    pending = subscribers.pending_in_thread(email, thread_id)
    if not pending:
        return "nothing to confirm"
    message = mail.confirmation_mail(email, pending[0].thread, pending)
    try:
        message.send()
    except SEND_ERRORS as error:
        logger.warning("Confirmation for thread %s not sent (%s)", thread_id, error)
        if attempt >= settings.PARLEY_MAIL_ATTEMPTS:
            return "failed"
        _queue_next_attempt(attempt, send_confirmation, email, thread_id)
        return "retrying"
    return "sent"


@task()
def send_address_confirmation(user_id: int, email: str, attempt: int = 1) -> str:
    """Mail an account's address the link that confirms it is its reader's,
    unless the account has another address now or has confirmed this one."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if (
        user is None
        or (user.email or "").strip().lower() != email
        or user.email_is_confirmed
    ):
        return "nothing to confirm"
    try:
        mail.address_confirmation_mail(user).send()
    except SEND_ERRORS as error:
        logger.warning("Address confirmation for %s not sent (%s)", user_id, error)
        if attempt >= settings.PARLEY_MAIL_ATTEMPTS:
            return "failed"
        _queue_next_attempt(attempt, send_address_confirmation, user_id, email)
        return "retrying"
    return "sent"


@task()
def send_digest(email: str, attempt: int = 1) -> int:
    """Mail an address every comment waiting for its daily digest; return how
    many it held."""
    claim = get_random_string(24)
    waiting = list(
        Delivery.objects.filter(
            address=email,
            digest=True,
            status=Status.PENDING,
            comment__status=Comment.Status.PUBLISHED,
            subscription__isnull=False,
        ).values_list("pk", flat=True)
    )
    Delivery.objects.filter(pk__in=waiting, status=Status.PENDING).update(
        status=Status.SENDING, claim=claim, attempts=F("attempts") + 1
    )
    rows = Delivery.objects.filter(claim=claim)
    items = list(rows.select_related("comment__thread").order_by("comment__created_at"))
    if not items:
        return 0
    try:
        mail.digest_mail(email, items).send()
    except SEND_ERRORS as error:
        logger.warning("Digest not sent (%s)", error)
        _retry(rows, attempt, send_digest, email)
        return 0
    rows.update(status=Status.SENT, sent_at=timezone.now(), claim="")
    return len(items)


@task()
def send_queue_digest(user_id: int, attempt: int = 1) -> int:
    """Mail a moderator who asked for it the comments awaiting moderation."""
    wish = QueueDigest.objects.select_related("user").filter(user_id=user_id).first()
    now = timezone.now()
    if wish is None or (
        wish.last_sent_at and wish.last_sent_at > now - QUEUE_DIGEST_GAP
    ):
        return 0
    user = wish.user
    if not (
        user.is_active and user.email and user.has_perm("discussions.moderate_comment")
    ):
        return 0
    held = Comment.objects.filter(status=Comment.Status.PENDING)
    total = held.count()
    if not total:
        return 0
    oldest = list(
        held.select_related("thread").order_by("created_at")[:QUEUE_DIGEST_SIZE]
    )
    try:
        mail.queue_digest_mail(user, oldest, total).send()
    except SEND_ERRORS as error:
        logger.warning("Queue digest not sent (%s)", error)
        if attempt < settings.PARLEY_MAIL_ATTEMPTS:
            _queue_next_attempt(attempt, send_queue_digest, user_id)
        return 0
    QueueDigest.objects.filter(pk=wish.pk).update(last_sent_at=now)
    return total


@task(takes_context=True)
def daily_digests(context) -> dict:
    """The daily run: queue each address's digest and each moderator's queue
    digest, tidy up, and schedule the next run."""
    now = timezone.now()
    with write_transaction():
        Delivery.objects.filter(
            digest=True, status=Status.PENDING, subscription__isnull=True
        ).update(status=Status.DROPPED)
    addresses = list(
        Delivery.objects.filter(digest=True, status=Status.PENDING)
        .values_list("address", flat=True)
        .distinct()
    )
    for email in addresses:
        enqueue(send_digest, email)
    moderators = list(QueueDigest.objects.values_list("user_id", flat=True))
    for user_id in moderators:
        enqueue(send_queue_digest, user_id)
    stranded = list(
        Delivery.objects.filter(
            digest=False, status=Status.PENDING, created_at__lt=now - STRANDED_AFTER
        ).values_list("pk", flat=True)
    )
    for delivery_id in stranded:
        enqueue(send_notification, delivery_id)
    forgotten = forget_unconfirmed(
        before=now - timedelta(days=settings.PARLEY_CONFIRM_LINK_DAYS)
    )
    ensure_schedule(current=context.task_result.id)
    return {
        "digests": len(addresses),
        "queue_digests": len(moderators),
        "requeued": len(stranded),
        "forgotten": forgotten,
    }


def next_run(after: datetime) -> datetime:
    """Return the next PARLEY_DIGEST_HOUR:00 (UTC) after `after`."""
    at = after.astimezone(UTC)
    run = at.replace(
        hour=settings.PARLEY_DIGEST_HOUR, minute=0, second=0, microsecond=0
    )
    return run if run > at else run + timedelta(days=1)


def _still_queued(task_id: str) -> bool:
    try:
        result = daily_digests.get_backend().get_result(task_id)
    except TaskResultDoesNotExist:
        return False
    except Exception:
        logger.exception("Could not read task %s", task_id)
        return False
    return result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def ensure_schedule(*, current: str = "") -> str:
    """
    Make sure the next daily run is queued, once: a worker calls this when it
    starts, and each run before it ends (`current` is its own id). Return the
    queued run's id ("" if the queue could not take it).
    """
    row = Schedule.objects.filter(name=DAILY).first()
    if row is not None and row.task_id != current and _still_queued(row.task_id):
        return row.task_id
    run_at = next_run(timezone.now())
    task_id = enqueue(daily_digests, run_after=run_at)
    if task_id:
        with write_transaction():
            Schedule.objects.update_or_create(
                name=DAILY, defaults={"task_id": task_id, "run_at": run_at}
            )
    return task_id

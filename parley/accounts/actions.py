"""Writes to accounts: confirming a reader's e-mail address."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from parley.core.db import write_transaction

from . import signals


def confirm_email(user, address: str) -> bool:
    """
    Record that the account's reader proved `address` is theirs (they opened a
    link mailed to it), and send signals.email_confirmed after commit. Return
    False, writing nothing, unless `address` is still the account's e-mail
    address, the account is active and no other account has confirmed it.
    Confirming the confirmed address again returns True and sends nothing.
    """
    address = (address or "").strip().lower()
    if not address:
        return False
    User = get_user_model()
    try:
        with write_transaction():
            account = (
                User.objects.select_for_update()
                .filter(pk=user.pk, is_active=True)
                .first()
            )
            if account is None or (account.email or "").strip().lower() != address:
                return False
            if account.confirmed_email == address:
                return True
            if (
                User.objects.filter(confirmed_email__iexact=address)
                .exclude(pk=account.pk)
                .exists()
            ):
                return False
            User.objects.filter(pk=account.pk).update(confirmed_email=address)
            account.confirmed_email = address
            transaction.on_commit(
                lambda: signals.email_confirmed.send(
                    sender=User, user=account, address=address
                )
            )
    except IntegrityError:  # another account confirmed it at the same moment
        return False
    user.confirmed_email = address
    return True


def claim_confirmation_mail(user, *, every: timedelta) -> bool:
    """
    Note that a link to confirm the account's address is being mailed now, and
    return True, unless one was mailed less than `every` ago (then False, and
    nothing is written). Two requests at once claim it once.
    """
    now = timezone.now()
    with write_transaction():
        claimed = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .filter(
                Q(email_confirmation_sent_at__isnull=True)
                | Q(email_confirmation_sent_at__lte=now - every)
            )
            .update(email_confirmation_sent_at=now)
        )
    if claimed:
        user.email_confirmation_sent_at = now
    return bool(claimed)

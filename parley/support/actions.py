"""
Writes to the ledger. The webhook, the admin, CSV imports and commands all
record money through these, so every entry is checked the same way, links its
reader, and moves the `support` version that pages with a goal bar are kept
under (parley.core.versions) in the same transaction.
"""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.functions import Greatest
from django.utils import timezone

from parley.accounts import supporters
from parley.core import versions
from parley.core.errors import ParleyError
from parley.core.text import storable_text_error
from parley.discussions.actions import touch_threads_of

from .currencies import is_currency
from .models import Campaign, Donation

# The version every page showing a campaign's bar depends on.
LEDGER = "support"
AMOUNT = re.compile(r"-?[0-9]{1,20}(\.[0-9]{1,20})?")
# What the ledger's columns hold (14 digits, 2 of them decimals).
MAX_AMOUNT = Decimal(10) ** 12
# Money is recorded as received from 2000 on (an earlier date is a typing
# mistake, not history) and at most a day ahead of this server's clock (a
# payment's own time zone may run ahead of ours).
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
AHEAD = timedelta(days=1)


def parse_amount(value) -> Decimal:
    """Return a positive amount with at most two decimals, or raise ParleyError.
    A float is refused: money is never a binary fraction."""
    if isinstance(value, float):
        raise ParleyError.single("amount", "An amount must be a decimal, not a float.")
    text = str(value).strip()
    # Digits and a dot only: "1e5" or "1E+05" (a spreadsheet's way) would be
    # 100,000, and "1,000" could be one or a thousand.
    if not AMOUNT.fullmatch(text):
        raise ParleyError.single(
            "amount",
            "An amount must be written with digits and a dot, such as 1250.50.",
        )
    amount = Decimal(text)
    if amount <= 0:
        raise ParleyError.single("amount", "An amount must be more than zero.")
    if amount >= MAX_AMOUNT:
        raise ParleyError.single("amount", "An amount must be under 1,000,000,000,000.")
    if amount != amount.quantize(Decimal("0.01")):
        raise ParleyError.single("amount", "An amount has at most two decimals.")
    return amount.quantize(Decimal("0.01"))


def currency_error(code: str) -> str:
    """Return why the ledger can't take money in `code` ("EUR"), or ""."""
    if is_currency(code):
        return ""
    return f"“{code}” is not a currency code in use (ISO 4217: EUR, USD, …)."


def received_at_error(moment: datetime, now: datetime | None = None) -> str:
    """Return why the ledger can't take money received at `moment`, or ""."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment < EARLIEST:
        return "The date received can't be before 1 January 2000."
    if moment > (now or timezone.now()) + AHEAD:
        return "The date received can't be more than a day from now."
    return ""


def record_donation(
    *,
    amount,
    currency: str,
    kind: str,
    reference: str,
    received_at: datetime,
    source: str,
    donor_name: str = "",
    is_public: bool = False,
    email: str = "",
    message: str = "",
    now: datetime | None = None,
) -> Donation:
    """Record money received. Raise ParleyError (nothing written) if an entry is
    not one the ledger can hold, or its reference is taken already. `now` is
    the clock its date is checked against (a demo's month)."""
    donation = Donation(
        amount=parse_amount(amount),
        currency=(currency or "").strip().upper(),
        kind=kind,
        reference=(reference or "").strip(),
        received_at=received_at,
        source=source,
        donor_name=(donor_name or "").strip(),
        is_public=bool(is_public and (donor_name or "").strip()),
        email=(email or "").strip(),
        message=(message or "").strip(),
    )
    for field in (
        "currency",
        "kind",
        "reference",
        "source",
        "donor_name",
        "email",
        "message",
    ):
        if problem := storable_text_error(str(getattr(donation, field))):
            raise ParleyError.single(field, problem)
    if problem := currency_error(donation.currency):
        raise ParleyError.single("currency", problem)
    if problem := received_at_error(donation.received_at, now):
        raise ParleyError.single("received_at", problem)
    try:
        donation.full_clean(exclude=["reader"], validate_unique=False)
    except ValidationError as error:
        raise _refusal(error) from None
    donation.reader = _reader_with(donation.email)
    try:
        with transaction.atomic():
            donation.save()
            if donation.reader is not None:
                _note_support(donation.reader, donation.received_at)
            versions.bump(LEDGER)
    except IntegrityError:
        raise ParleyError.single(
            "reference",
            f"The reference {donation.reference} is recorded already.",
            status=409,
        ) from None
    return donation


def refund_donation(reference: str, *, amount=None, at: datetime) -> Donation:
    """Reverse a donation, wholly or by `amount` more. Raise ParleyError if no
    donation has this reference, the refund would pass what was given, or (with
    no amount; code "refunded") it was refunded in full already."""
    with transaction.atomic():
        donation = (
            Donation.objects.select_for_update().filter(reference=reference).first()
        )
        if donation is None:
            raise ParleyError.single(
                "reference", f"No donation has the reference {reference}.", status=404
            )
        if amount is None and donation.net == 0:
            raise ParleyError.single(
                "reference",
                f"The donation {reference} was refunded in full already.",
                status=409,
                code="refunded",
            )
        more = donation.net if amount is None else parse_amount(amount)
        if donation.refunded + more > donation.amount:
            raise ParleyError.single(
                "amount", "A refund can't be more than what is left of the donation."
            )
        donation.refunded += more
        donation.refunded_at = at
        donation.save(update_fields=["refunded", "refunded_at"])
        if donation.reader is not None and donation.net == 0:
            _forget_support(donation.reader)
        versions.bump(LEDGER)
    return donation


def _refusal(error: ValidationError) -> ParleyError:
    """The model's own sentences, one per field, as a refusal."""
    return ParleyError(
        {field: " ".join(messages) for field, messages in error.message_dict.items()}
    )


def _reader_with(email: str):
    """The one active account whose reader confirmed this e-mail address and
    still has it, if there is one. An address typed at sign-up proves nothing:
    anyone may type a donor's."""
    email = (email or "").strip().lower()
    if not email:
        return None
    readers = list(
        get_user_model().objects.filter(
            confirmed_email=email, email__iexact=email, is_active=True
        )[:2]
    )
    return readers[0] if len(readers) == 1 else None


def _note_support(reader, at: datetime) -> None:
    """Keep the reader's last gift; if that starts the badge they chose to show,
    their threads' pages follow at once."""
    showed = supporters.shows_badge(reader)
    User = get_user_model()
    updated = User.objects.filter(pk=reader.pk, supported_at__isnull=False).update(
        supported_at=Greatest(F("supported_at"), at)
    )
    if not updated:
        User.objects.filter(pk=reader.pk).update(supported_at=at)
    reader.refresh_from_db(fields=["supported_at"])
    if not showed and supporters.shows_badge(reader):
        touch_threads_of(reader.pk)


def _forget_support(reader) -> None:
    """A gift wholly refunded no longer makes its reader a supporter: their last
    gift is the latest one left; if that ends their badge, their threads follow."""
    showed = supporters.shows_badge(reader)
    latest = reader.donations.filter(refunded__lt=F("amount")).aggregate(
        latest=Max("received_at")
    )["latest"]
    get_user_model().objects.filter(pk=reader.pk).update(supported_at=latest)
    reader.supported_at = latest
    if showed and not supporters.shows_badge(reader):
        touch_threads_of(reader.pk)


def save_campaign(campaign: Campaign) -> Campaign:
    """Check and save a campaign (new or changed); pages showing a bar follow."""
    try:
        campaign.full_clean()
    except ValidationError as error:
        raise _refusal(error) from None
    with transaction.atomic():
        campaign.currency = campaign.currency.upper()
        campaign.save()
        versions.bump(LEDGER)
    return campaign


def delete_campaign(campaign: Campaign) -> None:
    with transaction.atomic():
        campaign.delete()
        versions.bump(LEDGER)


def link_earlier_donations(reader) -> int:
    """
    Link the donations made with the reader's confirmed address, and no reader
    yet, to their account, and note their support (the badge and their
    threads follow). Return how many were linked; none unless the address
    would link a new gift to this account (see _reader_with).
    """
    email = reader.confirmed_email
    if not email or _reader_with(email) != reader:
        return 0
    with transaction.atomic():
        unlinked = Donation.objects.select_for_update().filter(
            reader__isnull=True, email__iexact=email
        )
        pks = list(unlinked.values_list("pk", flat=True))
        if not pks:
            return 0
        donations = Donation.objects.filter(pk__in=pks)
        donations.update(reader=reader)
        latest = donations.filter(refunded__lt=F("amount")).aggregate(
            latest=Max("received_at")
        )["latest"]
        if latest is not None:
            _note_support(reader, latest)
    return len(pks)

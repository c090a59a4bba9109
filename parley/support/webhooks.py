"""
The payment webhook: a provider's signed events become ledger entries.

Calls are signed the way Stripe signs them: a header
`Parley-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` made
with a shared secret (settings.PARLEY_SUPPORT_WEBHOOK_SECRETS, two during a
rotation). Every call, accepted or refused, leaves one WebhookDelivery row for
the admin, and an event is processed once however often, and however many
times at once, it is delivered: the row's constraint decides. The events
accepted are described in docs/support.md, "The payment webhook".
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from parley.core.errors import ParleyError

from . import actions, queries
from .models import Donation, WebhookDelivery
from .signatures import refused, verify

# Events are a few hundred bytes; anything this large is not one of them.
MAX_BODY_BYTES = 64 * 1024
SOURCE = "webhook"
# The times an event may state: the ledger's own range (support.actions).
EARLIEST_TIME = int(actions.EARLIEST.timestamp())
LATEST_AHEAD = int(actions.AHEAD.total_seconds())

Outcome = WebhookDelivery.Outcome
DONATION_KINDS = (
    Donation.Kind.ONE_OFF,
    Donation.Kind.RECURRING_FIRST,
    Donation.Kind.RECURRING_RENEWAL,
)


@dataclass(frozen=True)
class Event:
    """An authentic event, its envelope checked (the `object` is its handler's:
    None when `data.object` is missing or not a JSON object)."""

    id: str
    type: str
    object: dict | None
    created: int | None

    def payload(self) -> dict:
        """Return `data.object`, or raise ParleyError if there is none."""
        if self.object is None:
            raise refused("data.object", "data.object is required: a JSON object.")
        return self.object


@dataclass(frozen=True)
class Receipt:
    """What became of an authentic event: the answer and the log's outcome."""

    outcome: str
    detail: str
    donation: Donation | None = None


def receive(
    body: bytes, signature: str, *, remote_addr: str = "", now: float | None = None
) -> Receipt:
    """
    Check, process and log one delivery. Return what became of the event, or
    raise ParleyError (with the answer's status) if the call is refused: then
    nothing is written but the delivery's log row.
    """
    try:
        if len(body) > MAX_BODY_BYTES:
            raise refused(
                "request",
                f"The body is too large: an event is at most {MAX_BODY_BYTES:,} bytes.",
                status=413,
            )
        verify(body, signature, now=now)
        event = parse_event(body)
    except ParleyError as refusal:
        _log_refusal(refusal, body, remote_addr)
        raise
    return _process(event, remote_addr, now)


def parse_event(body: bytes) -> Event:
    """Return the event a body holds, or raise ParleyError. Numbers are read as
    decimals: money is never a binary fraction."""
    try:
        data = json.loads(body, parse_float=Decimal, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise refused("event", "The body is not a JSON event.") from None
    if not isinstance(data, dict):
        raise refused("event", "The body is not a JSON event.")
    event_id = _text(data, "id", limit=200, required=True)
    event_type = _text(data, "type", limit=100, required=True)
    inner = data.get("data")
    payload = inner.get("object") if isinstance(inner, dict) else None
    return Event(
        id=event_id,
        type=event_type,
        object=payload if isinstance(payload, dict) else None,
        created=_unix_time(data, "created"),
    )


def _process(event: Event, remote_addr: str, now: float | None) -> Receipt:
    handler = HANDLERS.get(event.type)
    try:
        with transaction.atomic():
            delivery = _claim(
                event, handler[0] if handler else Outcome.IGNORED, remote_addr
            )
            if handler is None:
                receipt = Receipt(
                    Outcome.IGNORED, f"Events of type {event.type} are not handled."
                )
            else:
                receipt = handler[1](event, _event_time(event, now))
            delivery.outcome = receipt.outcome
            delivery.reason = _clip(receipt.detail, 300)
            delivery.donation = receipt.donation
            delivery.save(update_fields=["outcome", "reason", "donation"])
    except _AlreadyProcessed as first:
        receipt = Receipt(
            Outcome.DUPLICATE, "This event was processed already.", first.donation
        )
        _log(
            event.id,
            event.type,
            receipt.outcome,
            200,
            receipt.detail,
            remote_addr,
            first.donation,
        )
    except ParleyError as refusal:
        _log_refusal(refusal, None, remote_addr, event=event)
        raise
    return receipt


class _AlreadyProcessed(Exception):
    def __init__(self, donation: Donation | None):
        super().__init__()
        self.donation = donation


def _claim(event: Event, outcome: str, remote_addr: str) -> WebhookDelivery:
    """Write the delivery that processes this event, or raise _AlreadyProcessed.
    A second delivery of an event being processed waits here (PostgreSQL's
    unique index, SQLite's write lock) until the first commits or rolls back."""
    try:
        with transaction.atomic():
            return WebhookDelivery.objects.create(
                event_id=event.id,
                event_type=event.type,
                outcome=outcome,
                status_code=200,
                remote_addr=remote_addr or None,
            )
    except IntegrityError:
        first = (
            WebhookDelivery.objects.filter(
                event_id=event.id, outcome__in=WebhookDelivery.PROCESSED
            )
            .select_related("donation")
            .first()
        )
        raise _AlreadyProcessed(first.donation if first else None) from None


def _record(event: Event, at: datetime) -> Receipt:
    """donation.succeeded: record the payment in the ledger."""
    payment = event.payload()
    reference = _text(payment, "id", limit=200, required=True)
    kind = payment.get("kind", Donation.Kind.ONE_OFF)
    if kind not in DONATION_KINDS:
        raise refused(
            "kind", "A kind is one of: " + ", ".join(map(str, DONATION_KINDS)) + "."
        )
    notes: list[str] = []
    donor_name = _fitted(payment, "donor_name", 100, notes, "The donor's name")
    message = _fitted(payment, "message", 1000, notes, "The message")
    email = _text(payment, "email", limit=10_000)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            email = ""
            notes.append("The e-mail address is not valid and was left out.")
    public = payment.get("public", False)
    if not isinstance(public, bool):
        raise refused("public", "public is true or false.")
    try:
        donation = actions.record_donation(
            amount=_amount(payment.get("amount")),
            currency=_text(payment, "currency", limit=3, required=True),
            kind=kind,
            reference=reference,
            received_at=at,
            source=SOURCE,
            donor_name=donor_name,
            is_public=public,
            email=email,
            message=message,
        )
    except ParleyError as error:
        if error.status != 409:
            raise
        # Another event (or an import) brought this payment in already.
        existing = Donation.objects.filter(reference=reference).first()
        return Receipt(
            Outcome.DUPLICATE,
            f"The payment {reference} is in the ledger already.",
            existing,
        )
    uncounted = queries.why_uncounted(donation)
    recorded = (
        f"Donation recorded; it counts towards no campaign showing now ({uncounted})."
        if uncounted
        else "Donation recorded."
    )
    return Receipt(Outcome.RECORDED, " ".join([recorded, *notes]), donation)


def _refund(event: Event, at: datetime) -> Receipt:
    """donation.refunded: reverse a payment, wholly or by the refund's amount."""
    refund = event.payload()
    reference = _text(refund, "donation", limit=200, required=True)
    amount = refund.get("amount")
    try:
        donation = actions.refund_donation(
            reference, amount=None if amount is None else _amount(amount), at=at
        )
    except ParleyError as error:
        if error.code != "refunded":
            raise
        # A provider's retry, or a refund made in the admin first: nothing is
        # left to refund, and nothing changes.
        return Receipt(
            Outcome.DUPLICATE,
            f"The payment {reference} was refunded in full already; nothing changed.",
            Donation.objects.filter(reference=reference).first(),
        )
    return Receipt(Outcome.REFUNDED, "Refund recorded.", donation)


# The event types handled: the outcome they are processed as, and how.
HANDLERS: dict[str, tuple[str, Callable[[Event, datetime], Receipt]]] = {
    "donation.succeeded": (Outcome.RECORDED, _record),
    "donation.refunded": (Outcome.REFUNDED, _refund),
}


def _amount(value) -> Decimal:
    """The amount an event states, checked as the ledger checks any."""
    try:
        return actions.parse_amount(value)
    except ArithmeticError:  # an exponent past what decimals can round
        raise refused(
            "amount",
            "An amount must be written with digits and a dot, such as 1250.50.",
        ) from None


def _event_time(event: Event, now: float | None) -> datetime:
    """When the payment (or refund) happened: its object's time, the event's,
    or else now."""
    moment = _unix_time(event.object or {}, "created") or event.created
    if moment is None:
        moment = int(time.time() if now is None else now)
    return datetime.fromtimestamp(moment, tz=UTC)


def _unix_time(data: dict, field: str) -> int | None:
    value = data.get(field)
    if value is None:
        return None
    if type(value) is not int or not (
        EARLIEST_TIME <= value <= time.time() + LATEST_AHEAD
    ):
        raise refused(
            field,
            f"{field} is a Unix time in seconds, from 2000 to a day from now.",
        )
    return value


def _text(data: dict, field: str, *, limit: int, required: bool = False) -> str:
    value = data.get(field, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise refused(field, f"{field} is a string.")
    value = value.strip()
    if "\x00" in value or not _encodable(value):
        raise refused(field, f"{field} holds characters that are not text.")
    if required and not value:
        raise refused(field, f"{field} is required.")
    if len(value) > limit:
        raise refused(field, f"{field} is at most {limit} characters.")
    return value


def _fitted(data: dict, field: str, limit: int, notes: list[str], name: str) -> str:
    """A donor's own words, cut to what the ledger holds: the money still counts."""
    value = _text(data, field, limit=10_000)
    if len(value) > limit:
        notes.append(f"{name} was cut to {limit} characters.")
        return value[:limit]
    return value


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")


def _encodable(text: str) -> bool:
    """False for a lone surrogate ("\\ud800" in JSON), which no database stores."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _clip(text: str, limit: int) -> str:
    """Text as the log can hold it: storable characters, at most `limit`."""
    text = text.replace("\x00", "").encode(errors="replace").decode()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _log(
    event_id: str,
    event_type: str,
    outcome: str,
    status_code: int,
    reason: str,
    remote_addr: str,
    donation: Donation | None = None,
) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        event_id=_clip(event_id, 200),
        event_type=_clip(event_type, 100),
        outcome=outcome,
        status_code=status_code,
        reason=_clip(reason, 300),
        remote_addr=remote_addr or None,
        donation=donation,
    )


def _log_refusal(
    refusal: ParleyError,
    body: bytes | None,
    remote_addr: str,
    *,
    event: Event | None = None,
) -> None:
    """Log a refused call with what it claims to be, authentic or not, so the
    admin can match it with the provider's own record."""
    event_id, event_type = (event.id, event.type) if event else _claimed(body)
    _log(
        event_id,
        event_type,
        Outcome.REFUSED,
        refusal.status,
        " ".join(refusal.errors.values()),
        remote_addr,
    )


def _claimed(body: bytes | None) -> tuple[str, str]:
    """The id and type a body says it has, if it can be read at all."""
    if not body or len(body) > MAX_BODY_BYTES:
        return "", ""
    try:
        data = json.loads(body, parse_float=Decimal, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    return (
        data["id"] if isinstance(data.get("id"), str) else "",
        data["type"] if isinstance(data.get("type"), str) else "",
    )

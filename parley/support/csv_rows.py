"""
One row of the ledger's CSV files (docs/support.md, "The CSV format"): the
columns, a row read as the ledger would take it (or every reason it would
not), and an entry written as a row that reads back the same.
"""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from parley.core.errors import ParleyError

from .actions import parse_amount, received_at_error
from .currencies import is_currency
from .models import Donation

COLUMNS = [
    "reference",
    "received_at",
    "amount",
    "currency",
    "kind",
    "donor_name",
    "public",
    "email",
    "message",
    "refunded",
    "refunded_at",
    "source",
]
REQUIRED = ["reference", "received_at", "amount", "currency", "kind"]
# Every imported entry's source. The export writes the column of that name for
# the record; an import does not read it back.
SOURCE = "csv"
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
# A spreadsheet runs a cell starting with one of these as a formula: the export
# writes such text after a ' (as spreadsheets do), and an import takes it off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
AMOUNT_HINT = "Write 1234.50: a dot before the cents, no thousands separators."


@dataclass(frozen=True)
class Entry:
    """A row the ledger takes: record_donation's arguments, and its refund."""

    row: int
    fields: dict
    refunded: Decimal
    refunded_at: datetime | None

    @property
    def reference(self) -> str:
        return self.fields["reference"]


def export(donations: Iterable[Donation]) -> Iterator[str]:
    """Yield the lines of a CSV file of these entries, header first, in the
    columns an import reads."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for donation in donations:
        yield writer.writerow(
            [
                cell(donation.reference),
                donation.received_at.isoformat(),
                f"{donation.amount:.2f}",
                donation.currency,
                donation.kind,
                cell(donation.donor_name),
                "yes" if donation.is_public else "no",
                cell(donation.email),
                cell(donation.message),
                f"{donation.refunded:.2f}",
                donation.refunded_at.isoformat() if donation.refunded_at else "",
                cell(donation.source),
            ]
        )


class _Echo:
    """A file that hands back what is written to it (csv.writer's target)."""

    def write(self, value: str) -> str:
        return value


def read_row(number: int, values: dict[str, str], now: datetime):
    """Return (the entry row `number` holds, or None; every reason the ledger
    would refuse it), from its cells by column name ("" where absent)."""
    reasons: list[str] = [
        f"{column}: missing." for column in REQUIRED if not values[column]
    ]
    amount = _amount(values["amount"], reasons)
    currency = values["currency"].upper()
    if currency and not is_currency(currency):
        reasons.append(
            f"currency: “{short(values['currency'])}” is not a currency code in "
            "use (ISO 4217: EUR, USD, …)."
        )
    kind = values["kind"].lower().replace("-", "_").replace(" ", "_")
    if kind and kind not in Donation.Kind.values:
        reasons.append(
            f"kind: “{short(values['kind'])}” is not one of "
            f"{', '.join(Donation.Kind.values)}."
        )
    received_at = _moment("received_at", values["received_at"], None, reasons)
    if received_at and (problem := received_at_error(received_at, now)):
        reasons.append(f"received_at: “{short(values['received_at'])}”: {problem}")
        received_at = None
    public = values["public"].lower()
    if public not in YES | NO:
        reasons.append(f"public: “{short(values['public'])}”: write yes or no.")
    refunded, refunded_at = _refund(values, amount, received_at, now, reasons)
    fields = {
        "amount": amount,
        "currency": currency,
        "kind": kind,
        "reference": values["reference"],
        "received_at": received_at,
        "source": SOURCE,
        "donor_name": values["donor_name"],
        "is_public": public in YES,
        "email": values["email"],
        "message": values["message"],
    }
    reasons += _model_reasons(fields)
    if reasons:
        return None, reasons
    return Entry(number, fields, refunded, refunded_at), reasons


def _amount(raw: str, reasons: list[str]) -> Decimal | None:
    if not raw:
        return None
    try:
        return parse_amount(raw)
    except ParleyError as error:
        hint = f" {AMOUNT_HINT}" if "," in raw or " " in raw else ""
        reasons.append(f"amount: “{short(raw)}”: {error.message}{hint}")
        return None


def _moment(
    column: str, raw: str, now: datetime | None, reasons: list[str]
) -> datetime | None:
    """A date, or a date and time, in ISO 8601; without an offset, in the
    site's time zone. With `now`, a moment after it is refused."""
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        reasons.append(
            f"{column}: “{short(raw)}” is not a date like 2025-03-31 or "
            "2025-03-31T14:05:00+02:00."
        )
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if now is not None and moment > now:
        reasons.append(f"{column}: “{short(raw)}” is in the future.")
        return None
    return moment


def _refund(values, amount, received_at, now, reasons):
    """The part of a row's amount refunded already (refunded, refunded_at)."""
    raw = values["refunded"]
    try:
        nothing = not raw or Decimal(raw) == 0
    except InvalidOperation:
        nothing = False
    if nothing:
        return Decimal("0.00"), None
    try:
        refunded = parse_amount(raw)
    except ParleyError as error:
        reasons.append(f"refunded: “{short(raw)}”: {error.message}")
        return Decimal("0.00"), None
    if amount is not None and refunded > amount:
        reasons.append(f"refunded: {refunded} is more than the amount, {amount}.")
    at = _moment("refunded_at", values["refunded_at"], now, reasons)
    return refunded, at or received_at


def _model_reasons(fields: dict) -> list[str]:
    """The model's own sentences on the free-text columns (lengths, e-mail)."""
    donation = Donation(**fields)
    checked = {"reference", "donor_name", "email", "message"}
    try:
        donation.full_clean(
            exclude=[f.name for f in Donation._meta.fields if f.name not in checked],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        return [
            f"{column}: {' '.join(error.message_dict[column])}"
            for column in ("reference", "donor_name", "email", "message")
            if column in error.message_dict and fields[column]
        ]
    return []


def short(value: str, length: int = 40) -> str:
    return value if len(value) <= length else value[: length - 1] + "…"


def cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def uncell(text: str) -> str:
    return (
        text[1:]
        if text.startswith("'") and text[1:].startswith(FORMULA_STARTS)
        else text
    )

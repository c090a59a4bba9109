"""
The ledger as CSV, both ways (docs/support.md, "The ledger: admin, CSV import
and export").

An import is checked before anything is written: every row is read as the
ledger would take it, and the rows it would refuse are reported by number with
their reasons. Only when an editor confirms what the check found (or a command
is run with --commit) are the others recorded, each through
support.actions.record_donation, all in one transaction. The export writes the
same columns, so a file exported here imports elsewhere as it was.
"""

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from parley.core.errors import ParleyError

from .actions import parse_amount, record_donation, refund_donation
from .currencies import is_currency
from .models import Donation, DonationImport

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
MAX_BYTES = 5 * 1024 * 1024
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


@dataclass(frozen=True)
class Refusal:
    """A row the ledger would not take, and every reason why."""

    row: int
    reference: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"Row {self.row}: {' '.join(self.reasons)}"


@dataclass(frozen=True)
class Check:
    """What importing a file would do: the rows it records and those it refuses."""

    accepted: list[Entry]
    refused: list[Refusal]
    unread_columns: list[str]

    @property
    def fingerprint(self) -> str:
        """Name the rows that would be recorded, so that a confirmation records
        the rows that were checked and shown, or none."""
        digest = hashlib.sha256()
        for entry in self.accepted:
            digest.update(f"{entry.row}\x1f{entry.reference}\x1e".encode())
        return digest.hexdigest()[:32]

    def totals(self) -> list[tuple[str, int, Decimal]]:
        """Per currency: how many rows would be recorded, and their net sum."""
        sums: dict[str, tuple[int, Decimal]] = {}
        for entry in self.accepted:
            count, total = sums.get(entry.fields["currency"], (0, Decimal("0.00")))
            net = entry.fields["amount"] - entry.refunded
            sums[entry.fields["currency"]] = (count + 1, total + net)
        return [(code, *sums[code]) for code in sorted(sums)]


def decode(data: bytes) -> str:
    """Return an uploaded file's text, or raise ParleyError if it is too large
    or not UTF-8 text (a byte-order mark, as Excel writes, is fine)."""
    if len(data) > MAX_BYTES:
        raise ParleyError.single(
            "file", f"The file is larger than {MAX_BYTES // 2**20} MB: split it."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParleyError.single(
            "file",
            f"The file is not UTF-8 text (byte {error.start + 1} is not): "
            "save it as “CSV UTF-8”.",
        ) from None
    if "\x00" in text:
        raise ParleyError.single("file", "The file is not text: is it a CSV file?")
    return text


def check(text: str, *, now: datetime | None = None) -> Check:
    """Read every row of a CSV file as the ledger would take it; write nothing.
    Raise ParleyError if the file can't be read as a ledger file at all."""
    now = now or timezone.now()
    records = _records(text)
    header, columns = _header(records)
    accepted: list[Entry] = []
    refused: list[Refusal] = []
    first_row: dict[str, int] = {}
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # a blank row, as spreadsheets leave at the end
        reasons = []
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            reasons.append(
                f"It has {len(cells)} cells; the first row names {len(header)} columns."
            )
        values = dict.fromkeys(COLUMNS, "")
        for column, index in columns.items():
            if index < len(cells):
                values[column] = _uncell(cells[index].strip())
        entry, row_reasons = _read(number, values, now)
        reasons += row_reasons
        reference = values["reference"]
        if reference in first_row:
            reasons.append(
                f"reference: “{_short(reference)}” is also on row "
                f"{first_row[reference]}."
            )
        elif reference:
            first_row[reference] = number
        if reasons or entry is None:
            refused.append(Refusal(number, reference, tuple(reasons)))
        else:
            accepted.append(entry)
    taken = _references_in_ledger([entry.reference for entry in accepted])
    for entry in [entry for entry in accepted if entry.reference in taken]:
        accepted.remove(entry)
        refused.append(
            Refusal(
                entry.row,
                entry.reference,
                (f"reference: “{_short(entry.reference)}” is in the ledger already.",),
            )
        )
    refused.sort(key=lambda refusal: refusal.row)
    unread = [name for name in header if name and name not in COLUMNS]
    return Check(accepted, refused, unread)


def stage(file_name: str, data: bytes, *, by=None) -> DonationImport:
    """Keep an uploaded file until an editor confirms its import. Raise
    ParleyError (nothing kept) if it can't be read as a ledger file at all."""
    text = decode(data)
    check(text)
    return DonationImport.objects.create(
        file_name=file_name[:200], content=text, uploaded_by=by
    )


def commit(staged: DonationImport, *, fingerprint: str) -> Check:
    """Record the rows of a staged file that pass, all or none, if they are the
    rows a check showed (`fingerprint`); return the check they passed.

    Raise ParleyError (nothing recorded) if the file was imported already, has
    no row to record, or the ledger changed since the check so that other rows
    would be recorded now (code "changed": show the new check, ask again).
    """
    with transaction.atomic():
        staged = DonationImport.objects.select_for_update().get(pk=staged.pk)
        if staged.imported_at is not None:
            raise ParleyError.single(
                "file", "This file was imported already.", status=409
            )
        result = check(staged.content)
        if not result.accepted:
            raise ParleyError.single("file", "No row of this file can be imported.")
        if result.fingerprint != fingerprint:
            raise ParleyError.single(
                "file",
                "The ledger changed since the check: nothing was imported. "
                "Read the new check before you confirm.",
                status=409,
                code="changed",
            )
        for entry in result.accepted:
            _record(entry)
        staged.imported_at = timezone.now()
        staged.imported_rows = len(result.accepted)
        staged.refused_rows = len(result.refused)
        staged.refusals = [str(refusal) for refusal in result.refused]
        staged.save(
            update_fields=["imported_at", "imported_rows", "refused_rows", "refusals"]
        )
    return result


def export(donations: Iterable[Donation]) -> Iterator[str]:
    """Yield the lines of a CSV file of these entries, header first, in the
    columns an import reads."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for donation in donations:
        yield writer.writerow(
            [
                _cell(donation.reference),
                donation.received_at.isoformat(),
                f"{donation.amount:.2f}",
                donation.currency,
                donation.kind,
                _cell(donation.donor_name),
                "yes" if donation.is_public else "no",
                _cell(donation.email),
                _cell(donation.message),
                f"{donation.refunded:.2f}",
                donation.refunded_at.isoformat() if donation.refunded_at else "",
                _cell(donation.source),
            ]
        )


class _Echo:
    """A file that hands back what is written to it (csv.writer's target)."""

    def write(self, value: str) -> str:
        return value


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cells), numbered as a spreadsheet shows them."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ParleyError.single(
                "file", f"Row {number} can't be read as CSV ({error})."
            ) from None
        yield number, cells


def _header(records: Iterator[tuple[int, list[str]]]):
    """Read the first row: the columns' names, and where each known one is."""
    _, header = next(records, (1, []))
    names = [
        cell.strip().lower().replace(" ", "_").replace("-", "_") for cell in header
    ]
    if not any(names):
        raise ParleyError.single(
            "file",
            f"The first row is empty: it names the columns ({', '.join(REQUIRED)}, …).",
        )
    doubled = sorted({name for name in names if name and names.count(name) > 1})
    if doubled:
        raise ParleyError.single(
            "file", f"The first row names {', '.join(doubled)} more than once."
        )
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise ParleyError.single(
            "file",
            f"The first row has no column {', '.join(missing)}: it names the "
            f"columns, and {', '.join(REQUIRED)} are needed.",
        )
    columns = {name: names.index(name) for name in COLUMNS if name in names}
    return names, columns


def _read(number: int, values: dict[str, str], now: datetime):
    """Return (the entry a row holds, or None; the reasons it is refused)."""
    reasons: list[str] = [
        f"{column}: missing." for column in REQUIRED if not values[column]
    ]
    amount = _amount(values["amount"], reasons)
    currency = values["currency"].upper()
    if currency and not is_currency(currency):
        reasons.append(
            f"currency: “{_short(values['currency'])}” is not a currency code in "
            "use (ISO 4217: EUR, USD, …)."
        )
    kind = values["kind"].lower().replace("-", "_").replace(" ", "_")
    if kind and kind not in Donation.Kind.values:
        reasons.append(
            f"kind: “{_short(values['kind'])}” is not one of "
            f"{', '.join(Donation.Kind.values)}."
        )
    received_at = _moment("received_at", values["received_at"], now, reasons)
    public = values["public"].lower()
    if public not in YES | NO:
        reasons.append(f"public: “{_short(values['public'])}”: write yes or no.")
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
        reasons.append(f"amount: “{_short(raw)}”: {error.message}{hint}")
        return None


def _moment(
    column: str, raw: str, now: datetime, reasons: list[str]
) -> datetime | None:
    """A date, or a date and time, in ISO 8601; without an offset, in the
    site's time zone."""
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        reasons.append(
            f"{column}: “{_short(raw)}” is not a date like 2025-03-31 or "
            "2025-03-31T14:05:00+02:00."
        )
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > now:
        reasons.append(f"{column}: “{_short(raw)}” is in the future.")
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
        reasons.append(f"refunded: “{_short(raw)}”: {error.message}")
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


def _references_in_ledger(references: list[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(references), 500):
        taken.update(
            Donation.objects.filter(
                reference__in=references[start : start + 500]
            ).values_list("reference", flat=True)
        )
    return taken


def _record(entry: Entry) -> None:
    try:
        record_donation(**entry.fields)
        if entry.refunded:
            refund_donation(
                entry.reference, amount=entry.refunded, at=entry.refunded_at
            )
    except ParleyError as error:
        raise ParleyError.single(
            "file",
            f"Row {entry.row}: {error.message} Nothing was imported.",
            status=409,
        ) from None


def _short(value: str, length: int = 40) -> str:
    return value if len(value) <= length else value[: length - 1] + "…"


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _uncell(text: str) -> str:
    return (
        text[1:]
        if text.startswith("'") and text[1:].startswith(FORMULA_STARTS)
        else text
    )

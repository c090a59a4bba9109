"""
The ledger as CSV, both ways (docs/support.md, "The ledger: admin, CSV import
and export").

An import is checked before anything is written: every row is read as the
ledger would take it, and the rows it would refuse are reported by number with
their reasons. Only when an editor confirms what the check found (or a command
is run with --commit) are the others recorded, each through
support.actions.record_donation, all in one transaction. The rows themselves
(columns, reading, the export) are support.csv_rows.
"""

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from parley.core.errors import ParleyError

from .actions import record_donation, refund_donation
from .csv_rows import COLUMNS, REQUIRED, Entry, read_row, short, uncell
from .models import Donation, DonationImport

MAX_BYTES = 5 * 1024 * 1024


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
                values[column] = uncell(cells[index].strip())
        entry, row_reasons = read_row(number, values, now)
        reasons += row_reasons
        reference = values["reference"]
        if reference in first_row:
            reasons.append(
                f"reference: “{short(reference)}” is also on row "
                f"{first_row[reference]}."
            )
        elif reference:
            first_row[reference] = number
        if reasons or entry is None:
            refused.append(Refusal(number, reference, tuple(reasons)))
        else:
            accepted.append(entry)
    taken = _references_in_ledger([entry.reference for entry in accepted])
    refused += [
        Refusal(
            entry.row,
            entry.reference,
            (f"reference: “{short(entry.reference)}” is in the ledger already.",),
        )
        for entry in accepted
        if entry.reference in taken
    ]
    accepted = [entry for entry in accepted if entry.reference not in taken]
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

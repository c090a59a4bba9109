"""``import_donations FILE [--commit]``: check a CSV file of ledger entries and,
with --commit, record the rows that pass (support.csv_import)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parley.core.errors import ParleyError
from parley.support import csv_import


def rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


class Command(BaseCommand):
    help = (
        "Check a CSV file of donations (docs/support.md) and report the rows "
        "refused and why; with --commit, import the rows that pass."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file, or - for standard input")
        parser.add_argument(
            "--commit",
            action="store_true",
            help="record the rows that pass (without it, nothing is written)",
        )

    def handle(self, *args, file: str, commit: bool, **options):
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}.") from None
        try:
            result = csv_import.check(csv_import.decode(data))
            if commit and result.accepted:
                staged = csv_import.stage(Path(file).name, data)
                result = csv_import.commit(staged, fingerprint=result.fingerprint)
        except ParleyError as error:
            raise CommandError(f"{file}: {error.message}") from None
        totals = "; ".join(
            f"{code} {total} in {rows(count)}" for code, count, total in result.totals()
        )
        done = "imported" if commit else "would be imported"
        self.stdout.write(
            f"{file}: {rows(len(result.accepted))} {done}"
            + (f" ({totals})" if totals else "")
            + f"; {rows(len(result.refused))} refused"
            + (":" if result.refused else ".")
        )
        for refusal in result.refused:
            self.stdout.write(f"  {refusal}")
        if result.unread_columns:
            self.stdout.write(f"Columns not read: {', '.join(result.unread_columns)}")
        if not commit and result.accepted:
            self.stdout.write(
                "Nothing was imported: run again with --commit to import "
                f"the {rows(len(result.accepted))} that pass."
            )

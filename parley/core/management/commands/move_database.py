import dj_database_url
from django.core.management.base import BaseCommand, CommandError

from parley.core.dbmove import MoveError, add_target_database, move_database


class Command(BaseCommand):
    help = (
        "Copy all of this site's data into another, empty database (for example "
        "from SQLite to PostgreSQL) and verify every table by count and checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            required=True,
            metavar="DATABASE_URL",
            help="the target, e.g. postgres://user@host:5432/parley",
        )

    def handle(self, *args, to: str, **options):
        try:
            config = dj_database_url.parse(to)
        except Exception as error:
            raise CommandError(f"--to is not a database URL: {error}") from None
        target = add_target_database(config)
        try:
            reports = move_database(target)
        except MoveError as error:
            raise CommandError(str(error)) from None
        width = max(len(report.table) for report in reports)
        for report in reports:
            verdict = "ok" if report.matches else "MISMATCH"
            self.stdout.write(
                f"{report.table:<{width}}  {report.source_rows:>9} -> "
                f"{report.target_rows:>9}  {report.target_checksum[:12]}  {verdict}"
            )
        bad = [report.table for report in reports if not report.matches]
        if bad:
            raise CommandError(
                f"The copy differs from the source in: {', '.join(bad)}."
            )
        rows = sum(report.source_rows for report in reports)
        self.stdout.write(
            self.style.SUCCESS(
                f"Moved {rows} rows in {len(reports)} tables;"
                " counts and checksums match."
            )
        )

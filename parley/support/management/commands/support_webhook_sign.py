import sys

from django.core.management.base import BaseCommand, CommandError

from parley.support import conf
from parley.support.signatures import sign


class Command(BaseCommand):
    help = (
        "Print the Parley-Signature header for an event's body (a file, or - for "
        "standard input), signed with the first configured webhook secret: to "
        "test the payment webhook by hand or from a provider's bridge."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the event's JSON, exactly as it is sent")
        parser.add_argument(
            "--time",
            type=int,
            metavar="UNIX_TIME",
            help="the signature's time (default: now)",
        )

    def handle(self, *args, file: str, time: int | None, **options):
        secrets = conf.webhook_secrets()
        if not secrets:
            raise CommandError("PARLEY_SUPPORT_WEBHOOK_SECRETS is not set.")
        try:
            if file == "-":
                body = sys.stdin.buffer.read()
            else:
                with open(file, "rb") as source:
                    body = source.read()
        except OSError as error:
            raise CommandError(f"Can't read {file}: {error.strerror}.") from None
        self.stdout.write(sign(body, secrets[0], time))

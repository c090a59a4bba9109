"""``parley score``: one comment a line on stdin, one toxicity a line on stdout."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from parley.moderation.scoring import build_scorer, conf

BATCH = 64


class Command(BaseCommand):
    help = (
        "Score comments read one a line from standard input; print one toxicity a line."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", type=int, default=BATCH, help="texts per model call"
        )

    def handle(self, *args, batch: int, **options):
        # Unbatched scorer: the command batches itself and needs no worker thread.
        scorer = build_scorer(conf.scorers())
        lines: list[str] = []
        for line in sys.stdin:
            lines.append(line.rstrip("\n"))
            if len(lines) == batch:
                self._write(scorer, lines)
                lines = []
        if lines:
            self._write(scorer, lines)

    def _write(self, scorer, lines: list[str]) -> None:
        for scores in scorer.score(lines):
            self.stdout.write(f"{min(max(scores.toxicity, 0.0), 1.0):.4f}")
        self.stdout.flush()

"""
The intake's added cost per post, in process, on this machine.

It builds a throwaway SQLite database (or uses DATABASE_URL), then posts the same
realistic comments through POST /api/v1/threads/<key>/comments with Django's full
request stack twice: once with no intake checks, once with every check production
runs (rate limits raised out of the way, proof of work solved beforehand as the
reader's browser would, the widget's signals sent). The difference per post is
what the intake adds; each check is also timed on its own.

    .venv/bin/python benchmarks/intake.py [--posts 300]
"""

import argparse
import base64
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from read_thread import _percentile

SIGNALS = {"elapsed_ms": 24_000, "keys": 90, "pointer": 6, "focus": 2}
BODIES = [
    "The council's figures don't add up: the new ferry costs twice the estimate.",
    "I live near the crossing and the queues have been worse since March.",
    "Good reporting. Would be useful to have a map of the front line with dates.",
    "I disagree with the minister, but the piece is fair to both sides.",
    "Where does the money for the reception centres come from?",
    "Die Zahlen im dritten Absatz stimmen nicht mit dem Bericht überein.",
    "Merci pour cet article, enfin une explication claire.",
    "This government has failed the border towns again and again.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=300)
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="parley-intake-")
    os.environ.setdefault("PARLEY_VAR_DIR", var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.base")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("PARLEY_CHALLENGE_MAXNUMBER", "1000")
    os.environ.setdefault("PARLEY_CHALLENGE_MAXNUMBER_CEILING", "1000")
    for action in ("COMMENT", "THREAD", "CHALLENGE"):
        os.environ[f"PARLEY_RATE_LIMIT_{action}"] = "100000/minute"
    import django

    django.setup()
    import altcha
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from parley.discussions import intake
    from parley.discussions.actions import get_or_create_thread
    from parley.protection.challenge import issue_challenge

    call_command("migrate", verbosity=0)
    get_or_create_thread("bench-intake")
    every_check = list(settings.PARLEY_INTAKE_CHECKS)

    def solved() -> str:
        """Solve a challenge as the reader's browser would (not timed)."""
        issued = issue_challenge("")
        solution = altcha.solve_challenge_v1(
            issued["challenge"], issued["salt"], issued["algorithm"], 1000
        )
        payload = {**issued, "number": solution.number, "took": 900}
        payload.pop("maxnumber")
        return base64.b64encode(json.dumps(payload).encode()).decode()

    def post(n: int, with_proof: bool) -> tuple[float, int]:
        body = f"{BODIES[n % len(BODIES)]} ({n})"
        payload = {"body": body, "name": f"Reader {n % 40}", "signals": SIGNALS}
        if with_proof:
            payload["altcha"] = solved()
        client = Client(REMOTE_ADDR=f"10.1.{n // 250}.{n % 250}")
        started = time.perf_counter()
        response = client.post(
            "/api/v1/threads/bench-intake/comments",
            json.dumps(payload),
            content_type="application/json",
        )
        return (time.perf_counter() - started) * 1000, response.status_code

    # Warm up: the model, the connection, the caches.
    settings.PARLEY_INTAKE_CHECKS = every_check
    for n in range(20):
        post(10_000 + n, True)

    results = {}
    for label, checks in (("no checks", []), ("every check", every_check)):
        settings.PARLEY_INTAKE_CHECKS = checks
        timings, statuses = [], {}
        for n in range(args.posts):
            elapsed, status = post(n + (0 if checks else 50_000), bool(checks))
            timings.append(elapsed)
            statuses[status] = statuses.get(status, 0) + 1
        results[label] = (timings, statuses)

    # Each check alone, on submissions like the ones above.
    from parley.discussions.intake import IntakeContext, Submission

    per_check = {}
    for check in intake._load_checks(tuple(every_check)):
        samples = []
        for n in range(min(args.posts, 200)):
            submission = Submission(
                thread=None,
                thread_key="bench-intake",
                parent=None,
                body=f"{BODIES[n % len(BODIES)]} [{n}]",
                author_name="Reader",
                author_email="",
                author_website="",
                user=None,
                is_edit=False,
                comment=None,
                context=IntakeContext(
                    identity=f"a:bench-{n}",
                    address_hash=f"{n:032x}",
                    altcha=solved(),
                    signals=SIGNALS,
                ),
            )
            started = time.perf_counter()
            check.check(submission)
            samples.append((time.perf_counter() - started) * 1000)
        per_check[check.name] = samples

    print(f"database: {connection.vendor}; {args.posts} posts each; one process")
    print("\n| posting | p50 ms | p99 ms | statuses |")
    print("| --- | ---: | ---: | --- |")
    for label, (timings, statuses) in results.items():
        print(
            f"| {label} | {statistics.median(timings):.1f} | "
            f"{_percentile(timings, 0.99):.1f} | {statuses} |"
        )
    base, full = results["no checks"][0], results["every check"][0]
    print(
        f"\nAdded by the intake: p50 {statistics.median(full) - statistics.median(base):.1f} ms, "
        f"p99 {_percentile(full, 0.99) - _percentile(base, 0.99):.1f} ms"
    )
    print("\n| check | p50 ms | p99 ms |")
    print("| --- | ---: | ---: |")
    for name, samples in per_check.items():
        print(
            f"| {name} | {statistics.median(samples):.2f} | "
            f"{_percentile(samples, 0.99):.2f} |"
        )


if __name__ == "__main__":
    main()

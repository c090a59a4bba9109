"""Helpers for the protection tests: solving, submissions, concurrency."""

import base64
import json
import threading
import time

import altcha
from django.db import connection

from parley.discussions.intake import IntakeContext, Submission


def solve(challenge: dict, took: int | None = None) -> str:
    """Solve a challenge as the widget does; return the base64 payload."""
    solution = altcha.solve_challenge_v1(
        challenge["challenge"],
        challenge["salt"],
        challenge["algorithm"],
        challenge["maxnumber"],
    )
    assert solution is not None
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
        "took": round(solution.took * 1000) if took is None else took,
    }
    return encode(payload)


def encode(payload) -> str:
    return base64.b64encode(json.dumps(payload).encode()).decode()


def decode(payload: str) -> dict:
    return json.loads(base64.b64decode(payload))


def submission(**fields) -> Submission:
    """A guest's widget submission of a top-level comment, changed by `fields`."""
    now = time.time()
    values = {
        "thread": None,
        "thread_key": "page-1",
        "parent": None,
        "body": "I read the whole piece and I think the council got this one right.",
        "author_name": "Reader",
        "author_email": "",
        "author_website": "",
        "user": None,
        "identity": "a:guest-one",
        "address_hash": "0123456789abcdef0123456789abcdef",
        "is_edit": False,
        "comment": None,
        "channel": "api",
        "altcha": "",
        "honeypot": "",
        "rendered_at": None,
        "signals": {},
        "post_anyway": False,
        "now": now,
    }
    values.update(fields)
    context_fields = set(IntakeContext.__dataclass_fields__) & set(values)
    context = IntakeContext(**{name: values.pop(name) for name in context_fields})
    return Submission(**values, context=context)


def run_at_once(work, count: int) -> tuple[list, list[Exception]]:
    """Run work(n) in `count` threads released together; return (results, errors)."""
    barrier = threading.Barrier(count)
    results: list = []
    failures: list[Exception] = []

    def run(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(work(n))
        except Exception as error:  # collected and asserted by the caller
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, failures

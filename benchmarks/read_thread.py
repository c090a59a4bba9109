"""
Time the discussion read path on the demo's 1,000+ comment thread, in process.

It builds a throwaway SQLite database (or uses DATABASE_URL), loads the demo
content, and times GET /api/v1/threads/<key>/comments through Django's full
request stack (middleware, routing, serialization) with the test client: no
network, so the figures are the application's own cost per request.

    .venv/bin/python benchmarks/read_thread.py [--rounds 200]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="parley-bench-")
    os.environ.setdefault("PARLEY_VAR_DIR", var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.base")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from parley.discussions.models import Thread

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    thread = Thread.objects.order_by("-comment_count").first()
    client = Client()
    base = f"/api/v1/threads/{thread.key}/comments"
    scenarios = {
        "first page, newest": f"{base}?sort=newest",
        "first page, most voted": f"{base}?sort=votes",
        "first page, oldest": f"{base}?sort=oldest",
        "counts for 10 threads": "/api/v1/counts?"
        + "&".join(f"thread=article-{n}" for n in range(1, 11)),
    }
    print(
        f"database: {connection.vendor}; thread {thread.key}: "
        f"{thread.comment_count} comments; {args.rounds} rounds each"
    )
    print(f"{'scenario':32} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'bytes':>8}")
    for name, url in scenarios.items():
        client.get(url)  # warm up
        timings, size = [], 0
        for _ in range(args.rounds):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            size = len(response.content)
            if response.status_code != 200:
                raise SystemExit(
                    f"{url}: {response.status_code} {response.content[:200]}"
                )
        p50, p99 = _percentile(timings, 0.5), _percentile(timings, 0.99)
        mean = statistics.mean(timings)
        print(f"{name:32} {p50:8.2f} {p99:8.2f} {mean:8.2f} {size:8d}")
    # The whole thread, page by page of 100 top-level comments.
    rounds = max(5, args.rounds // 20)
    timings = []
    for _ in range(rounds):
        start, cursor, total = time.perf_counter(), "", 0
        while True:
            page = client.get(f"{base}?sort=votes&limit=100&cursor={cursor}").json()
            total += 1
            cursor = page["next_cursor"]
            if not cursor:
                break
        timings.append((time.perf_counter() - start) * 1000)
    print(
        f"{'whole thread, most voted':32} {_percentile(timings, 0.5):8.2f} "
        f"{_percentile(timings, 0.99):8.2f} {statistics.mean(timings):8.2f} "
        f"{'(' + str(total) + ' pages)':>8}"
    )
    thread_size_independence(args.rounds)


def thread_size_independence(rounds: int) -> None:
    """Time the first page, uncached, in a 100-comment and a 100,000-comment thread."""
    from django.utils import timezone

    from parley.discussions.actions import get_or_create_thread
    from parley.discussions.models import Comment, Thread
    from parley.discussions.queries import comment_page

    now = timezone.now()
    sizes = {"size-100": 100, "size-100000": 100_000}
    for key, size in sizes.items():
        thread = get_or_create_thread(key)
        if thread.comment_count:
            continue
        batch = []
        for n in range(size):
            batch.append(
                Comment(
                    thread=thread,
                    author_name="Reader",
                    body_markdown="x",
                    body_html="<p>x</p>",
                    created_at=now - timedelta(seconds=n),
                    score=n % 17,
                    upvotes=n % 17,
                )
            )
            if len(batch) == 5000:
                Comment.objects.bulk_create(batch)
                batch = []
        Comment.objects.bulk_create(batch)
        Thread.objects.filter(pk=thread.pk).update(comment_count=size)
    print(f"\nfirst page (20), built without the cache, {rounds} rounds:")
    print(f"{'thread':14} {'sort':7} {'p50 ms':>8} {'p99 ms':>8}")
    for key in sizes:
        thread = Thread.objects.get(key=key)
        for sort in ("newest", "oldest", "votes"):
            timings = []
            for _ in range(rounds):
                start = time.perf_counter()
                comment_page(thread, sort=sort, limit=20)
                timings.append((time.perf_counter() - start) * 1000)
            p50, p99 = _percentile(timings, 0.5), _percentile(timings, 0.99)
            print(f"{key:14} {sort:7} {p50:8.2f} {p99:8.2f}")


if __name__ == "__main__":
    main()

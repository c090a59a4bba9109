"""Load the benchmark workload into Parley (through its models) and into Isso's
SQLite database (through its schema), so both serve the same threads."""

import sqlite3
import time
from datetime import timedelta

from workload import BenchThread


def load_parley(threads: list[BenchThread]) -> dict[str, list[int]]:
    """Write the workload with Parley's models; return comment ids per thread key.
    Call after django.setup() and migrate."""
    from django.db import transaction
    from django.utils import timezone

    from parley.discussions.actions import get_or_create_thread
    from parley.discussions.models import Comment, Thread, Vote
    from parley.discussions.rendering import render_comment_body

    now = timezone.now()
    ids: dict[str, list[int]] = {}
    with transaction.atomic():
        for bench in threads:
            thread = get_or_create_thread(bench.key, title=bench.title)
            made: dict[int, Comment] = {}
            for depth in range(4):  # parents exist before their replies
                layer = []
                for c in bench.comments:
                    if c.depth != depth:
                        continue
                    parent = made[c.parent] if c.parent is not None else None
                    layer.append(
                        Comment(
                            thread=thread,
                            parent=parent,
                            root_id=(parent.root_id or parent.pk) if parent else None,
                            depth=depth,
                            author_name=c.author,
                            body_markdown=c.body,
                            body_html=render_comment_body(c.body),
                            created_at=now - timedelta(seconds=c.age_seconds),
                            upvotes=c.likes,
                            downvotes=c.dislikes,
                            score=c.likes - c.dislikes,
                        )
                    )
                for comment, source in zip(
                    Comment.objects.bulk_create(layer),
                    [c for c in bench.comments if c.depth == depth],
                    strict=True,
                ):
                    made[source.index] = comment
            votes = []
            for c in bench.comments:
                comment = made[c.index]
                votes += [
                    Vote(comment=comment, voter=f"a:bench-{n}", value=1)
                    for n in range(c.likes)
                ]
                votes += [
                    Vote(comment=comment, voter=f"a:bench-down-{n}", value=-1)
                    for n in range(c.dislikes)
                ]
            Vote.objects.bulk_create(votes, batch_size=2000)
            Thread.objects.filter(pk=thread.pk).update(comment_count=len(made))
            ids[bench.key] = [made[c.index].pk for c in bench.comments]
    return ids


def load_isso(threads: list[BenchThread], db_path: str) -> dict[str, list[int]]:
    """Write the workload into an Isso database whose tables Isso has created."""
    now = time.time()
    ids: dict[str, list[int]] = {}
    with sqlite3.connect(db_path) as db:
        for bench in threads:
            cursor = db.execute(
                "INSERT INTO threads (uri, title) VALUES (?, ?)",
                (bench.uri, bench.title),
            )
            thread_id = cursor.lastrowid
            made: dict[int, int] = {}
            root_of: dict[int, int] = {}
            for c in bench.comments:
                # Isso nests one level: a reply to a reply hangs under the top-level
                # comment (its own `add` re-parents it so); store it as Isso would.
                root_of[c.index] = c.index if c.parent is None else root_of[c.parent]
                cursor = db.execute(
                    "INSERT INTO comments (tid, parent, created, modified, mode,"
                    " remote_addr, text, author, email, website, likes, dislikes,"
                    " voters, notification)"
                    " VALUES (?, ?, ?, NULL, 1, '10.0.0.0', ?, ?, NULL, NULL, ?, ?, ?, 0)",
                    (
                        thread_id,
                        made[root_of[c.index]] if c.parent is not None else None,
                        now - c.age_seconds,
                        c.body,
                        c.author,
                        c.likes,
                        c.dislikes,
                        bytes(256),  # an empty voters Bloom filter
                    ),
                )
                made[c.index] = cursor.lastrowid
            ids[bench.key] = [made[c.index] for c in bench.comments]
    return ids

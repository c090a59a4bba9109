"""Load the benchmark workload into Parley (through its models) and into Isso's
SQLite database (through its schema), so both serve the same threads."""

import sqlite3
import time
from dataclasses import dataclass, field
from datetime import timedelta

from workload import AUTHORS, TAGS, BenchArticle, BenchThread


@dataclass
class ParleySite:
    """What the scenarios need to address Parley's copy of the workload."""

    ids: dict[str, list[int]]  # comment ids per workload thread key
    keys: dict[str, str] = field(default_factory=dict)  # workload key -> thread key
    article: str = ""  # the path of the article page with the big thread
    tag: str = ""  # the path of a tag page listing several articles


def load_parley(threads: list[BenchThread], articles: list[BenchArticle]) -> ParleySite:
    """Write the workload with Parley's models and return where it is. A thread
    named by an article is that article's discussion: the article is published
    first (save_article keeps its thread) and the comments go into its thread.
    Call after django.setup() and migrate."""
    from django.db import transaction
    from django.utils import timezone

    from parley.discussions.actions import get_or_create_thread
    from parley.discussions.models import Thread

    now = timezone.now()
    site = ParleySite(ids={})
    with transaction.atomic():
        owned = _load_articles(articles, now)
        for bench in threads:
            thread = owned.get(bench.key) or get_or_create_thread(
                bench.key, title=bench.title
            )
            site.ids[bench.key] = _load_comments(thread, bench, now)
            site.keys[bench.key] = thread.key
            Thread.objects.filter(pk=thread.pk).update(
                comment_count=len(bench.comments)
            )
    # A month's appeal runs, as on most newsrooms' sites: every page carries
    # its goal bar (drawn into the shared pages, kept under the ledger's version).
    from parley.support.demo import load_support_demo

    load_support_demo(now)
    site.article = f"/articles/{articles[0].slug}/"
    site.tag = f"/tags/{_slug(TAGS[articles[0].tags[-1]])}/"
    return site


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)


def _load_articles(articles: list[BenchArticle], now) -> dict:
    """Publish the articles; return their threads by workload thread key."""
    from parley.newsroom.actions import save_article
    from parley.newsroom.models import Article, Author, Tag

    authors = [
        Author.objects.create(name=name, slug=_slug(name), bio=bio)
        for name, bio in AUTHORS
    ]
    tags = [Tag.objects.create(name=name, slug=_slug(name)) for name in TAGS]
    threads = {}
    for n, bench in enumerate(articles):
        article = Article(
            headline=bench.headline,
            slug=bench.slug,
            summary=bench.summary,
            body="\n\n".join(bench.paragraphs),
            lead_image_url=f"/static/parley/demo/lead-{n % 6}.svg",
            lead_image_caption=f"Illustration for “{bench.headline}”.",
            lead_image_credit="Parley benchmark",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=bench.age_hours),
        )
        save_article(article)
        article.authors.set([authors[i] for i in bench.authors])
        article.tags.set([tags[i] for i in bench.tags])
        threads[bench.thread] = article.thread
    return threads


def _load_comments(thread, bench: BenchThread, now) -> list[int]:
    """Bulk-write one thread's comments and votes; return the comment ids in
    the workload's order."""
    from parley.discussions.models import Comment, Vote
    from parley.discussions.rendering import render_comment_body

    made: dict[int, Comment] = {}
    for depth in range(4):  # parents exist before their replies
        sources = [c for c in bench.comments if c.depth == depth]
        layer = []
        for c in sources:
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
            Comment.objects.bulk_create(layer), sources, strict=True
        ):
            made[source.index] = comment
    votes = []
    for c in bench.comments:
        comment = made[c.index]
        votes += [
            Vote(comment=comment, voter=f"a:bench-{n}", value=1) for n in range(c.likes)
        ]
        votes += [
            Vote(comment=comment, voter=f"a:bench-down-{n}", value=-1)
            for n in range(c.dislikes)
        ]
    Vote.objects.bulk_create(votes, batch_size=2000)
    return [made[c.index].pk for c in bench.comments]


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

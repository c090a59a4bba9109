"""
Time article search on 100,000 synthetic articles, in process.

It loads the articles into a scratch database (a SQLite file in a temporary
directory, or the PostgreSQL database named by --database-url, whose name must
contain "bench": its schema is dropped and made again), builds the search
index in one pass, and times a set of queries: search_articles() alone (the
index's work and the marked passages) and GET /search/?q= through Django's
whole request stack with the test client (no network). Loopback only.

    .venv/bin/python benchmarks/search.py [--articles 100000] [--rounds 30]
        [--database-url postgres://postgres@127.0.0.1:5432/h_search_bench]
"""

import argparse
import atexit
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

VOCABULARY = 5000
BODY_WORDS = 250
BATCH = 2000
SYLLABLES = [
    a + b
    for a in ("b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br")
    for b in ("a", "e", "i", "o", "u", "ar", "en", "or", "al", "in")
]


def _words(rng: random.Random) -> list[str]:
    """A vocabulary of distinct made-up words, most frequent first."""
    words: list[str] = []
    seen = set()
    while len(words) < VOCABULARY:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _matches(query: str) -> int:
    """How many articles (published or not) hold every word: the index's
    whole count, which a search itself stops counting past RANKED_MATCHES."""
    from django.contrib.postgres.search import SearchQuery
    from django.db import connection

    from parley.newsroom.models import ArticleSearch
    from parley.newsroom.search import fts_expression, search_terms, tsquery_expression
    from parley.newsroom.search_index import FTS_TABLE, SEARCH_CONFIG

    terms = search_terms(query)
    if not terms:
        return 0
    if connection.vendor == "postgresql":
        found = SearchQuery(
            tsquery_expression(terms), search_type="raw", config=SEARCH_CONFIG
        )
        return ArticleSearch.objects.filter(document=found).count()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [fts_expression(terms)],
        )
        return cursor.fetchone()[0]


def _setup(database_url: str | None, reuse: bool) -> bool:
    """Set Django up on a fresh scratch database; return True if a loaded one
    is reused (--reuse: the PostgreSQL bench database as the last run left it)."""
    if "PARLEY_VAR_DIR" not in os.environ:  # the scratch SQLite file's, removed after
        scratch = tempfile.mkdtemp(prefix="parley-search-")
        os.environ["PARLEY_VAR_DIR"] = scratch
        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    if database_url:
        name = urlsplit(database_url).path.lstrip("/")
        if "bench" not in name:
            raise SystemExit(f"Refusing to drop the schema of {name!r}: not a bench DB")
        os.environ["DATABASE_URL"] = database_url
        os.environ["PARLEY_DB_POOL_SIZE"] = "0"
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.base")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if reuse:
                cursor.execute("SELECT to_regclass('newsroom_article_search')")
                if cursor.fetchone()[0]:
                    call_command("migrate", verbosity=0)
                    return True
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    return False


def _load(count: int, rng: random.Random, words: list[str]) -> None:
    """Bulk-load authors, tags and `count` articles (no receivers: the index
    is built afterwards in one pass, as migration 0005 does)."""
    from django.db import transaction
    from django.utils import timezone

    from parley.newsroom.models import Article, Author, Tag

    weights = [1 / rank for rank in range(1, len(words) + 1)]
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)

    def text(k: int) -> str:
        chosen = rng.choices(words, cum_weights=cumulative, k=k)
        sentences = [" ".join(chosen[i : i + 12]) for i in range(0, k, 12)]
        return ". ".join(s.capitalize() for s in sentences) + "."

    authors = Author.objects.bulk_create(
        Author(
            name=f"{rng.choice(words).title()} {rng.choice(words).title()}",
            slug=f"a{n}",
        )
        for n in range(200)
    )
    tags = Tag.objects.bulk_create(
        Tag(name=f"{words[300 + n].title()}", slug=f"t{n}") for n in range(60)
    )
    now = timezone.now()
    statuses = [Article.Status.PUBLISHED] * 95 + [Article.Status.DRAFT] * 3
    statuses += [Article.Status.SCHEDULED] * 2
    made = 0
    while made < count:
        batch = []
        for n in range(made, min(count, made + BATCH)):
            status = rng.choice(statuses)
            when = now - timedelta(minutes=30 * (count - n))  # ids grow with time
            if status == Article.Status.SCHEDULED:
                when = now + timedelta(days=rng.randint(1, 30))
            body = "\n\n".join(text(BODY_WORDS // 5) for _ in range(5))
            batch.append(
                Article(
                    headline=text(8).rstrip("."),
                    slug=f"article-{n}",
                    summary=text(25),
                    body=body,
                    status=status,
                    published_at=None if status == Article.Status.DRAFT else when,
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(batch)
            Article.authors.through.objects.bulk_create(
                Article.authors.through(article_id=a.pk, author_id=author.pk)
                for a in created
                for author in rng.sample(authors, rng.choice((1, 1, 1, 2)))
            )
            Article.tags.through.objects.bulk_create(
                Article.tags.through(article_id=a.pk, tag_id=tag.pk)
                for a in created
                for tag in rng.sample(tags, rng.randint(1, 3))
            )
        made += len(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the PostgreSQL data of the last run"
    )
    args = parser.parse_args()
    reused = _setup(args.database_url or None, args.reuse)

    from django.db import connection, transaction
    from django.test import Client

    from parley.newsroom.models import Author, Tag
    from parley.newsroom.search import search_articles
    from parley.newsroom.search_index import index_articles

    rng = random.Random(11)
    words = _words(rng)
    started = time.perf_counter()
    if reused:
        print(f"database: {connection.vendor}, reused; {args.rounds} rounds a query")
    else:
        _load(args.articles, rng, words)
        loaded = time.perf_counter()
        with transaction.atomic():
            index_articles(None)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        indexed = time.perf_counter()
        print(
            f"database: {connection.vendor}; {args.articles:,} articles loaded in "
            f"{loaded - started:.0f} s, index built in {indexed - loaded:.1f} s; "
            f"{args.rounds} rounds a query"
        )
    author = Author.objects.order_by("pk").first().name.split()[-1]
    tag = Tag.objects.order_by("pk").first().name
    # Words by how many articles hold them (Zipf: rank 10 is in nearly all).
    queries = {
        "rare word": words[4000],
        "uncommon word": words[1000],
        "common word": words[100],
        "very common word": words[10],
        "two words": f"{words[100]} {words[1000]}",
        "three words": f"{words[50]} {words[300]} {words[2000]}",
        "prefix (typing)": words[1000][:4],
        "author's name": author,
        "tag": tag,
        "no match": "zzzqqq",
        "hostile": 'NEAR("x" *) -',
    }
    client = Client()
    print(
        f"{'query':18} {'matches':>8} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'page p50':>9} {'page p95':>9}"
    )
    typical = []
    for name, query in queries.items():
        search_articles(query)  # warm up
        timings, page_timings = [], []
        for _ in range(args.rounds):
            start = time.perf_counter()
            search_articles(query)
            timings.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            response = client.get(f"/search/?{urlencode({'q': query})}")
            page_timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{query}: {response.status_code}")
        matches = _matches(query)
        if name not in ("very common word", "no match", "hostile"):
            typical += page_timings
        print(
            f"{name:18} {matches:8d} {_percentile(timings, 0.5):8.1f}"
            f" {_percentile(timings, 0.95):8.1f}"
            f" {_percentile(page_timings, 0.5):9.1f}"
            f" {_percentile(page_timings, 0.95):9.1f}"
        )
    print(
        f"typical queries, whole page: p50 {_percentile(typical, 0.5):.1f} ms,"
        f" p95 {_percentile(typical, 0.95):.1f} ms"
    )


if __name__ == "__main__":
    main()

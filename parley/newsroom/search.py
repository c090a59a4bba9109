"""
Search across the published articles with the database's own full-text
engine: FTS5 on SQLite, tsvector/tsquery on PostgreSQL (docs/search.md).

The reader's words are never handed to either engine's query syntax: the
query is cut into words here, and each word is quoted (FTS5) or given as a
plain lexeme (tsquery), all of them required, the last one as a prefix. So
quotes, parentheses, NEAR, *, - and the like are just characters between words.
"""

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Window
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleSearch, Author
from .search_index import FTS_TABLE, SEARCH_CONFIG, names_of

RESULTS_PER_PAGE = 10
# Deeper pages cost more to reach (the engine ranks every match to sort them);
# nobody reads result 500.
MAX_PAGES = 50
MAX_QUERY_CHARS = 200
MAX_TERMS = 10
# A word is letters and digits, as both engines' tokenizers see them
# (FTS5's unicode61 and PostgreSQL's parser split on "_" and punctuation).
WORD = re.compile(r"[^\W_]+")
# Marks the engines put around matched words: control characters no article
# holds, escaped along with the text and only then turned into <mark>.
START, STOP = "\x02", "\x03"
MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
SNIPPET_WORDS = 30
PG_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D, C, B, A: body C, headline A

EMPTY = _("Type a word or two to search the stories.")
TOO_LONG = _("That search is too long: try a few words, at most %(count)s letters.")
NO_WORDS = _("There are no words to search for in that: try letters or numbers.")


@dataclass(frozen=True)
class SearchHit:
    """One article found: its marked headline and passage are safe HTML."""

    url: str
    headline: SafeString
    snippet: SafeString
    authors: str
    published_at: datetime


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: tuple[str, ...]
    hits: list[SearchHit]
    total: int
    page: int
    message: str = ""  # why there are no results to show, if that is why

    @property
    def num_pages(self) -> int:
        return min(MAX_PAGES, max(1, math.ceil(self.total / RESULTS_PER_PAGE)))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.page - 1

    @property
    def next_page_number(self) -> int:
        return self.page + 1

    @property
    def first_number(self) -> int:
        return (self.page - 1) * RESULTS_PER_PAGE + 1


def search_terms(query: str) -> tuple[str, ...]:
    """Return the words of a reader's query, lowercased, at most MAX_TERMS."""
    return tuple(word.lower() for word in WORD.findall(query))[:MAX_TERMS]


def marked(text: str) -> SafeString:
    """Escape text the engine marked and turn its marks into <mark> elements
    (a mark without its partner is dropped, so no tag is left open)."""
    html = MARKED.sub(r"<mark>\1</mark>", escape(text))
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # noqa: S308 (escaped)


def search_articles(query: str, page: int | str | None = 1) -> SearchResults:
    """
    Return the published articles matching every word of the query (the last
    one also as the start of a word), best first: a word in the headline
    counts most, then the summary, the authors' names and the tags, then the
    body. Each hit carries its headline and a passage with the words marked.
    Never raises on what a reader typed: an empty, too long or wordless query
    comes back with no hits and a message saying why.
    """
    query = (query or "").strip()
    page = _page_number(page)
    if not query:
        return SearchResults(query, (), [], 0, 1, str(EMPTY))
    if len(query) > MAX_QUERY_CHARS:
        message = TOO_LONG % {"count": MAX_QUERY_CHARS}
        return SearchResults(query[:MAX_QUERY_CHARS], (), [], 0, 1, message)
    terms = search_terms(query)
    if not terms:
        return SearchResults(query, (), [], 0, 1, str(NO_WORDS))
    search = _search_sqlite if connection.vendor == "sqlite" else _search_postgresql
    offset = (page - 1) * RESULTS_PER_PAGE
    hits, total = search(terms, offset)
    last = min(MAX_PAGES, max(1, math.ceil(total / RESULTS_PER_PAGE)))
    if total and not hits and page > last:  # past the end: show the last page
        return search_articles(query, last)
    return SearchResults(query, terms, hits, total, page)


def _page_number(page) -> int:
    try:
        number = int(page or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGES)


def _published_now() -> tuple[list[str], datetime]:
    return [Article.Status.PUBLISHED, Article.Status.SCHEDULED], timezone.now()


# --- SQLite: FTS5 ---


def fts_expression(terms: tuple[str, ...]) -> str:
    """The FTS5 query for these words: each one quoted (so no word is an
    operator), all required, the last also as a prefix."""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def _search_sqlite(terms, offset) -> tuple[list[SearchHit], int]:
    statuses, now = _published_now()
    now = connection.ops.adapt_datetimefield_value(now)
    expression = fts_expression(terms)
    table = Article._meta.db_table
    # First the page of matches in rank order (FTS5's rank column: bm25 with
    # the column weights), with how many there are.
    found_sql = f"""
        SELECT f.rowid, count(*) OVER ()
        FROM {FTS_TABLE} f JOIN {table} a ON a.id = f.rowid
        WHERE {FTS_TABLE} MATCH %s
          AND a.status IN (%s, %s) AND a.published_at <= %s
        ORDER BY f.rank, a.published_at DESC, a.id DESC
        LIMIT %s OFFSET %s
    """  # noqa: S608 (names are ours; the reader's words are parameters)
    # Then those articles with their words marked (FTS5's highlight() and
    # snippet() can't run beside the window function; here they run for a
    # page of rows alone).
    marks = [START, STOP] * 3
    with connection.cursor() as cursor:
        cursor.execute(
            found_sql, [expression, *statuses, now, RESULTS_PER_PAGE, offset]
        )
        found = cursor.fetchall()
        if not found:
            return [], _count_sqlite(expression, offset)
        ids = [pk for pk, _total in found]
        cursor.execute(
            f"""
            SELECT f.rowid, a.slug, a.published_at, f.authors,
                   highlight({FTS_TABLE}, 0, %s, %s),
                   snippet({FTS_TABLE}, 2, %s, %s, '…', {SNIPPET_WORDS}),
                   highlight({FTS_TABLE}, 1, %s, %s)
            FROM {FTS_TABLE} f JOIN {table} a ON a.id = f.rowid
            WHERE {FTS_TABLE} MATCH %s AND f.rowid IN ({", ".join(["%s"] * len(ids))})
            """,  # noqa: S608 (names are ours; the reader's words are parameters)
            [*marks, expression, *ids],
        )
        by_id = {row[0]: row[1:] for row in cursor.fetchall()}
    hits = []
    for pk in ids:
        slug, published_at, authors, headline, body, summary = by_id[pk]
        hits.append(
            SearchHit(
                url=_article_url(slug),
                headline=marked(headline),
                snippet=_passage(body, summary),
                authors=authors or "",
                published_at=_datetime(published_at),
            )
        )
    return hits, found[0][1]


def _count_sqlite(expression, offset) -> int:
    """How many matches there are, for a page past the last one."""
    if not offset:
        return 0
    statuses, now = _published_now()
    now = connection.ops.adapt_datetimefield_value(now)
    sql = f"""
        SELECT count(*) FROM {FTS_TABLE} f JOIN {Article._meta.db_table} a
        ON a.id = f.rowid WHERE {FTS_TABLE} MATCH %s
        AND a.status IN (%s, %s) AND a.published_at <= %s
    """  # noqa: S608 (names are ours)
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *statuses, now])
        return cursor.fetchone()[0]


def _datetime(value) -> datetime:
    """A datetime read by a raw query (SQLite gives its stored text, in UTC)."""
    if not isinstance(value, datetime):
        value = parse_datetime(value)
    return value.replace(tzinfo=UTC) if timezone.is_naive(value) else value


# --- PostgreSQL: tsvector and tsquery ---


def tsquery_expression(terms: tuple[str, ...]) -> str:
    """The to_tsquery text for these words: each one a quoted lexeme, all
    required, the last also as a prefix."""
    quoted = [f"'{term}'" for term in terms]
    quoted[-1] += ":*"
    return " & ".join(quoted)


def _search_postgresql(terms, offset) -> tuple[list[SearchHit], int]:
    statuses, now = _published_now()
    query = SearchQuery(
        tsquery_expression(terms), search_type="raw", config=SEARCH_CONFIG
    )
    # First the page of matches in rank order, with how many there are (the
    # GIN index finds them; ranking reads their documents).
    found = list(
        ArticleSearch.objects.filter(
            document=query,
            article__status__in=statuses,
            article__published_at__lte=now,
        )
        .annotate(
            rank=SearchRank(F("document"), query, weights=PG_WEIGHTS),
            total=Window(Count("pk")),
        )
        .order_by("-rank", "-article__published_at", "-article_id")
        .values_list("article_id", "total")[offset : offset + RESULTS_PER_PAGE]
    )
    if not found:
        return [], _count_postgresql(query, offset)
    # Then those articles, their words marked (ts_headline reads the text
    # again: worth doing for a page of hits, never for every match).
    marks = {"start_sel": START, "stop_sel": STOP, "config": SEARCH_CONFIG}
    articles = (
        Article.objects.filter(pk__in=[pk for pk, _total in found])
        .annotate(
            marked_headline=SearchHeadline(
                "headline", query, highlight_all=True, **marks
            ),
            marked_summary=SearchHeadline(
                "summary", query, highlight_all=True, **marks
            ),
            marked_body=SearchHeadline(
                "body",
                query,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
                **marks,
            ),
        )
        .annotate(names=names_of(Author))
        .only("slug", "published_at")
    )
    by_id = {article.pk: article for article in articles}
    hits = [
        SearchHit(
            url=by_id[pk].get_absolute_url(),
            headline=marked(by_id[pk].marked_headline),
            snippet=_passage(by_id[pk].marked_body, by_id[pk].marked_summary),
            authors=by_id[pk].names,
            published_at=by_id[pk].published_at,
        )
        for pk, _total in found
        if pk in by_id
    ]
    return hits, found[0][1]


def _count_postgresql(query, offset) -> int:
    if not offset:
        return 0
    statuses, now = _published_now()
    return ArticleSearch.objects.filter(
        document=query, article__status__in=statuses, article__published_at__lte=now
    ).count()


def _passage(body: str, summary: str) -> SafeString:
    """The passage shown under a hit: the body's where it holds a match, else
    the summary's, else the body's opening."""
    for text in (body, summary):
        if text and START in text:
            return marked(text)
    return marked(body or summary or "")


def _article_url(slug: str) -> str:
    return Article(slug=slug).get_absolute_url()

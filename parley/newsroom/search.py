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
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleSearch, Author
from .search_index import (
    FTS_TABLE,
    FTS_WEIGHTS,
    MATCHES_FUNCTION,
    SEARCH_CONFIG,
    names_of,
)

RESULTS_PER_PAGE = 10
# Deeper pages cost more to reach (the engine ranks every match to sort them);
# nobody reads result 500.
MAX_PAGES = 50
# A word in most of the archive ranks nothing well and costs the engine a
# score for every match: matches are ranked among the newest this many (the
# pages reach 500), and their number in all is then given as "about".
RANKED_MATCHES = 1000
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
    approximate: bool = False  # total counts matches readers may not see

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
    search = {"sqlite": _search_sqlite, "postgresql": _search_postgresql}.get(
        connection.vendor, _no_search
    )
    offset = (page - 1) * RESULTS_PER_PAGE
    hits, total, approximate = search(terms, offset)
    last = min(MAX_PAGES, max(1, math.ceil(total / RESULTS_PER_PAGE)))
    if total and not hits and page > last:  # past the end: show the last page
        return search_articles(query, last)
    return SearchResults(query, terms, hits, total, page, approximate=approximate)


def _no_search(terms, offset) -> tuple[list[SearchHit], int, bool]:
    """Another database: it has no index (migration 0005 makes none)."""
    return [], 0, False


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


def _search_sqlite(terms, offset) -> tuple[list[SearchHit], int, bool]:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    expression = fts_expression(terms)
    table = Article._meta.db_table
    # The articles readers may not see are few (drafts, scheduled ones not yet
    # due) and found through the (status, published_at) index: excluding them
    # costs less than reading every match's article row to include it.
    hidden = f"""
        SELECT id FROM {table} WHERE status = %s
        UNION ALL SELECT id FROM {table} WHERE status IN (%s, %s) AND published_at > %s
    """  # noqa: S608 (names are ours)
    hidden_params = [Article.Status.DRAFT, *_published_now()[0], now]
    # The page of matches, best first among the RANKED_MATCHES newest (ids
    # grow with time), with how many of those readers may see, and whether
    # there are more matches than were ranked (counted no further).
    # (bm25() is scored in the inner query: FTS5's functions can't run beside
    # a window function.)
    found_sql = f"""
        SELECT id, count(*) OVER (),
               (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s
                ORDER BY rowid DESC LIMIT 1 OFFSET %s) IS NOT NULL
        FROM (
            SELECT f.rowid AS id, bm25({FTS_TABLE}, {FTS_WEIGHTS}) AS score
            FROM {FTS_TABLE} f
            WHERE {FTS_TABLE} MATCH %s
              AND f.rowid >= coalesce((SELECT rowid FROM {FTS_TABLE}
                  WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC
                  LIMIT 1 OFFSET %s), 0)
              AND f.rowid NOT IN ({hidden})
        )
        ORDER BY score, id DESC
        LIMIT %s OFFSET %s
    """  # noqa: S608 (names are ours; the reader's words are parameters)
    params = [expression, RANKED_MATCHES]
    params += [expression, expression, RANKED_MATCHES - 1, *hidden_params]
    # Then those articles with their words marked: highlight() and snippet()
    # read the text of a page of rows alone.
    marks = [START, STOP] * 3
    with connection.cursor() as cursor:
        cursor.execute(found_sql, [*params, RESULTS_PER_PAGE, offset])
        found = cursor.fetchall()
        if not found:
            return [], _count_sqlite(expression, hidden, hidden_params, offset), False
        ids = [row[0] for row in found]
        cursor.execute(
            f"""
            SELECT f.rowid, a.slug, a.published_at, f.authors,
                   highlight({FTS_TABLE}, 0, %s, %s),
                   snippet({FTS_TABLE}, 2, %s, %s, '…', {SNIPPET_WORDS}),
                   highlight({FTS_TABLE}, 1, %s, %s)
            FROM {FTS_TABLE} f CROSS JOIN {table} a ON a.id = f.rowid
            WHERE {FTS_TABLE} MATCH %s AND f.rowid IN ({", ".join(["%s"] * len(ids))})
            """,  # noqa: S608 (names are ours; the reader's words are parameters)
            [*marks, expression, *ids],
        )
        by_id = {row[0]: row[1:] for row in cursor.fetchall()}
    hits = []
    for pk in ids:
        if pk not in by_id:  # an index row whose article is gone
            continue
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
    _id, visible, more = found[0]
    return hits, min(visible, RANKED_MATCHES), bool(more)


def _count_sqlite(expression, hidden, hidden_params, offset) -> int:
    """How many matches readers may see, for a page past the last one."""
    if not offset:
        return 0
    sql = f"""
        SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s
        AND rowid NOT IN ({hidden})
    """  # noqa: S608 (names are ours)
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *hidden_params])
        return min(cursor.fetchone()[0], RANKED_MATCHES)


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


def _search_postgresql(terms, offset) -> tuple[list[SearchHit], int, bool]:
    statuses, now = _published_now()
    query = SearchQuery(
        tsquery_expression(terms), search_type="raw", config=SEARCH_CONFIG
    )
    # The RANKED_MATCHES newest matches readers may see (ids grow with time):
    # the GIN index gives every match's id (through a function that insists
    # on it, MATERIALIZED: else the planner may read every document, or walk
    # the ids backwards reading each), the few hidden articles come from the
    # (status, published_at) index.
    tsquery = "to_tsquery(%s::regconfig, %s)"
    newest = RawSQL(  # noqa: S611 (parameters)
        f"""
        WITH matched AS MATERIALIZED (
            SELECT article_id FROM {MATCHES_FUNCTION}({tsquery}) AS article_id
        )
        SELECT article_id FROM matched WHERE article_id NOT IN (
            SELECT id FROM {Article._meta.db_table} WHERE status = %s
            UNION ALL SELECT id FROM {Article._meta.db_table}
            WHERE status IN (%s, %s) AND published_at > %s
        ) ORDER BY article_id DESC LIMIT %s
        """,  # noqa: S608 (names are ours; the reader's words are parameters)
        [
            SEARCH_CONFIG,
            tsquery_expression(terms),
            Article.Status.DRAFT,
            *statuses,
            now,
            RANKED_MATCHES + 1,
        ],
    )
    # The page of them, best first, with how many there are: one more than
    # RANKED_MATCHES says there are more matches than were ranked.
    found = list(
        ArticleSearch.objects.filter(article_id__in=newest)
        .annotate(
            rank=SearchRank(F("document"), query, weights=PG_WEIGHTS),
            visible=Window(Count("pk")),
        )
        .order_by("-rank", "-article_id")
        .values_list("article_id", "visible")[offset : offset + RESULTS_PER_PAGE]
    )
    if not found:
        return [], _count_postgresql(query, offset), False
    # Then those articles, their words marked (ts_headline reads the text
    # again: worth doing for a page of hits, never for every match).
    marks = {"start_sel": START, "stop_sel": STOP, "config": SEARCH_CONFIG}
    articles = (
        Article.objects.filter(pk__in=[row[0] for row in found])
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
            names=names_of(Author),
        )
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
        for pk, _visible in found
        if pk in by_id
    ]
    visible = found[0][1]
    return hits, min(visible, RANKED_MATCHES), visible > RANKED_MATCHES


def _count_postgresql(query, offset) -> int:
    """How many matches readers may see, for a page past the last one."""
    if not offset:
        return 0
    statuses, now = _published_now()
    count = ArticleSearch.objects.filter(
        document=query, article__status__in=statuses, article__published_at__lte=now
    ).count()
    return min(count, RANKED_MATCHES)


def _passage(body: str, summary: str) -> SafeString:
    """The passage shown under a hit: the body's where it holds a match, else
    the summary's, else the body's opening."""
    for text in (body, summary):
        if text and START in text:
            return marked(text)
    return marked(body or summary or "")


def _article_url(slug: str) -> str:
    return Article(slug=slug).get_absolute_url()

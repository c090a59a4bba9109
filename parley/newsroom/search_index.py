"""
The search index, kept in step with the articles however they change (the
admin, an action, a command, a fixture): an article's save, its deletion, a
change to its authors or tags, and a renamed or deleted author or tag.

Each database searches with its own full-text engine (docs/search.md):
SQLite an FTS5 table of the article's text, PostgreSQL a table of weighted
tsvectors under a GIN index. Both are written here and read in search.py.
Index rows are written in the transaction of the change they follow, so the
index never shows a write that was rolled back.
"""

from collections.abc import Iterable

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connection, connections
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)

from .models import Article, Author, Tag

# SQLite: the FTS5 table. Its rowid is the article's id; its columns are the
# text the reader may search, authors and tags as comma-separated names.
FTS_TABLE = "newsroom_article_fts"
FTS_COLUMNS = ("headline", "summary", "body", "authors", "tags")
# bm25 weights per column, as the PostgreSQL weights below: a word in the
# headline counts most, the body's least.
FTS_WEIGHTS = "10.0, 4.0, 1.0, 4.0, 4.0"
FTS_RANK = f"bm25({FTS_WEIGHTS})"
# PostgreSQL: the document table (models.ArticleSearch) and the text search
# configuration: 'simple' (no stemming, no stop words, as FTS5's unicode61)
# with accents removed, so "cafe" finds "café" as it does on SQLite.
SEARCH_TABLE = "newsroom_article_search"
SEARCH_CONFIG = "parley_search"
HIDDEN_INDEX = "newsroom_article_visibility"
MATCHES_FUNCTION = "newsroom_search_matches"


def create_index(schema_editor, article_model=Article) -> None:
    """Create this database's index structures and fill them (migration 0005)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        columns = ", ".join(FTS_COLUMNS)
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({columns},"
            " tokenize='unicode61 remove_diacritics 2')"
        )
        # FTS5's own rank column sorts with the weights above, from the index.
        schema_editor.execute(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', %s)",  # noqa: S608
            [FTS_RANK],
        )
    elif vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        schema_editor.execute(
            f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = simple)"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG}"
            " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
        )
        # No foreign key: a flush (TRUNCATE) of the articles must not need to
        # know this table; rows of deleted articles are removed by the
        # receivers below, and searches join the articles anyway.
        schema_editor.execute(
            f"CREATE TABLE {SEARCH_TABLE} (article_id integer PRIMARY KEY,"
            " document tsvector NOT NULL)"
        )
        schema_editor.execute(
            f"CREATE INDEX {SEARCH_TABLE}_document ON {SEARCH_TABLE}"
            " USING gin (document)"
        )
        # The ids of the documents matching a query, always from the GIN index:
        # for a word in most documents the planner would rather read them all,
        # not counting the cost of unpacking each one (measured: 0.8 s).
        schema_editor.execute(
            f"CREATE FUNCTION {MATCHES_FUNCTION}(query tsquery)"  # noqa: S608
            " RETURNS SETOF integer LANGUAGE sql STABLE"
            " SET enable_seqscan = off"
            f" AS $$ SELECT article_id FROM {SEARCH_TABLE} WHERE document @@ query $$"
        )
        # The articles readers may not see, by an index-only scan: searches
        # leave them out rather than read every match's article to let it in.
        schema_editor.execute(
            f"CREATE INDEX {HIDDEN_INDEX} ON {article_model._meta.db_table}"
            " (status, published_at) INCLUDE (id)"
        )
    else:
        return
    index_articles(None, article_model=article_model, using=schema_editor.connection)


def drop_index(schema_editor) -> None:
    """Remove what create_index made (the unaccent extension stays: others
    may use it)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {MATCHES_FUNCTION}(tsquery)")
        schema_editor.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {HIDDEN_INDEX}")
        schema_editor.execute(
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {SEARCH_CONFIG}"
        )


def index_articles(
    ids: Iterable[int] | None, *, article_model=Article, using=None
) -> None:
    """Write the index rows of these articles (all of them when ids is None)
    from what they hold now; an id with no article loses its row."""
    conn = using or connection
    if ids is not None:
        ids = sorted({int(pk) for pk in ids})
        if not ids:
            return
    if conn.vendor == "sqlite":
        _index_sqlite(conn, ids, article_model)
    elif conn.vendor == "postgresql":
        _index_postgresql(conn, ids, article_model)


def unindex_articles(ids: Iterable[int]) -> None:
    """Remove these articles' rows from the index."""
    ids = sorted({int(pk) for pk in ids})
    if not ids or connection.vendor not in ("sqlite", "postgresql"):
        return
    table, key = (
        (FTS_TABLE, "rowid")
        if connection.vendor == "sqlite"
        else (SEARCH_TABLE, "article_id")
    )
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({marks})", ids)  # noqa: S608 (names are ours)


def _names_sql(article_model, field: str) -> str:
    """SQL for one article's authors' or tags' names, comma-separated, by name."""
    through = article_model._meta.get_field(field).remote_field.through._meta
    related = article_model._meta.get_field(field).related_model._meta
    column = f"{related.model_name}_id"
    return (
        f"(SELECT group_concat(name, ', ') FROM (SELECT r.name AS name"  # noqa: S608
        f" FROM {related.db_table} r JOIN {through.db_table} t"
        f" ON t.{column} = r.id WHERE t.article_id = a.id ORDER BY r.name))"
    )


def _index_sqlite(conn, ids, article_model) -> None:
    table = article_model._meta.db_table
    where, params = ("", [])
    if ids is not None:
        marks = ", ".join(["%s"] * len(ids))
        where, params = f"WHERE a.id IN ({marks})", ids
    columns = ", ".join(FTS_COLUMNS)
    with conn.cursor() as cursor:
        if ids is None:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        else:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", ids)  # noqa: S608
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, {columns})"  # noqa: S608 (names are ours)
            f" SELECT a.id, a.headline, a.summary, a.body,"
            f" {_names_sql(article_model, 'authors')},"
            f" {_names_sql(article_model, 'tags')}"
            f" FROM {table} a {where}",
            params,
        )


def names_of(model):
    """A subquery of the names of an article's authors or tags, comma-separated
    (PostgreSQL)."""
    return Coalesce(
        Subquery(
            model._base_manager.filter(articles=OuterRef("pk"))
            .order_by()
            .values("articles")
            .annotate(names=StringAgg("name", ", ", order_by="name"))
            .values("names")[:1]
        ),
        Value(""),
        output_field=TextField(),
    )


def document(article_model=Article):
    """The weighted search document of an article, as an expression on it."""
    author = article_model._meta.get_field("authors").related_model
    tag = article_model._meta.get_field("tags").related_model
    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector(names_of(author), weight="B", config=SEARCH_CONFIG)
        + SearchVector(names_of(tag), weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


def _index_postgresql(conn, ids, article_model) -> None:
    articles = article_model._base_manager.using(conn.alias).order_by()
    if ids is not None:
        articles = articles.filter(pk__in=ids)
    sql, params = (
        articles.annotate(search_document=document(article_model))
        .values_list("pk", "search_document")
        .query.sql_with_params()
    )
    with conn.cursor() as cursor:
        if ids is None:
            cursor.execute(f"DELETE FROM {SEARCH_TABLE}")  # noqa: S608 (ours)
        else:
            cursor.execute(
                f"DELETE FROM {SEARCH_TABLE} WHERE article_id = ANY(%s)",  # noqa: S608
                [ids],
            )
        cursor.execute(
            f"INSERT INTO {SEARCH_TABLE} (article_id, document) {sql}", params
        )


def prune_index(using=None) -> None:
    """Remove index rows whose article is gone without a signal (a flush, a
    raw delete): searches would count them."""
    conn = using or connection
    table = Article._meta.db_table
    if conn.vendor == "sqlite":
        index, key = FTS_TABLE, "rowid"
    elif conn.vendor == "postgresql":
        index, key = SEARCH_TABLE, "article_id"
    else:
        return
    if index not in conn.introspection.table_names():
        return  # migrated back past 0005
    with conn.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {index} WHERE {key} NOT IN (SELECT id FROM {table})"  # noqa: S608
        )


# --- Receivers: the index follows every change, whoever made it ---


def _article_saved(sender, instance, raw=False, **kwargs) -> None:
    index_articles([instance.pk])


def _article_deleted(sender, instance, **kwargs) -> None:
    unindex_articles([instance.pk])


def _labels_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """An article's authors or tags changed (from either side of the relation)."""
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            index_articles([instance.pk])
        return
    # From the author's or tag's side: the articles named, or on a clear the
    # ones it had (read before the clear).
    if action == "pre_clear":
        instance._search_cleared = _article_ids(instance)
    elif action == "post_clear":
        index_articles(getattr(instance, "_search_cleared", ()))
    else:
        index_articles(pk_set or ())


def _article_ids(label) -> list[int]:
    return list(label.articles.values_list("pk", flat=True))


def _label_saving(sender, instance, **kwargs) -> None:
    """Remember an author's or tag's stored name: only a rename touches the index."""
    if instance.pk is None:
        instance._search_old_name = None
        return
    instance._search_old_name = (
        sender._base_manager.filter(pk=instance.pk)
        .values_list("name", flat=True)
        .first()
    )


def _label_saved(sender, instance, created, **kwargs) -> None:
    if created or getattr(instance, "_search_old_name", None) == instance.name:
        return
    index_articles(_article_ids(instance))


def _label_deleting(sender, instance, **kwargs) -> None:
    instance._search_articles = _article_ids(instance)


def _label_deleted(sender, instance, **kwargs) -> None:
    index_articles(getattr(instance, "_search_articles", ()))


def _migrated(sender, using="default", **kwargs) -> None:
    # Also sent after a flush (the test suite's, between transactional tests).
    prune_index(connections[using])


def connect(app_config) -> None:
    post_migrate.connect(_migrated, sender=app_config, dispatch_uid="search-prune")
    post_save.connect(_article_saved, sender=Article, dispatch_uid="search-article")
    post_delete.connect(
        _article_deleted, sender=Article, dispatch_uid="search-del-article"
    )
    for through in (Article.tags.through, Article.authors.through):
        m2m_changed.connect(
            _labels_changed, sender=through, dispatch_uid=f"search-{through}"
        )
    for model in (Author, Tag):
        pre_save.connect(_label_saving, sender=model, dispatch_uid=f"search-{model}")
        post_save.connect(_label_saved, sender=model, dispatch_uid=f"search-{model}")
        pre_delete.connect(
            _label_deleting, sender=model, dispatch_uid=f"search-del-{model}"
        )
        post_delete.connect(
            _label_deleted, sender=model, dispatch_uid=f"search-del-{model}"
        )

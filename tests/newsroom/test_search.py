"""Search across articles, on whichever database the suite runs (SQLite's FTS5,
or PostgreSQL's tsvector with DATABASE_URL set): both runs are the test."""

import pytest
from django.db import connection
from django.urls import reverse

from parley.newsroom.actions import save_article
from parley.newsroom.models import Article
from parley.newsroom.search import MAX_QUERY_CHARS, marked, search_articles
from tests.factories import NO_FEEDBACK_PROMPTS, make_article, make_author, make_tag

pytestmark = pytest.mark.django_db


def headlines(query: str, page: int = 1) -> list[str]:
    return [
        str(hit.headline).replace("<mark>", "").replace("</mark>", "")
        for hit in search_articles(query, page).hits
    ]


def test_search_finds_words_in_headline_summary_and_body():
    """Each of the article's texts is searched."""
    make_article(headline="Harbour dredging resumes")
    make_article(headline="Council news", summary="The harbour budget passed.")
    make_article(headline="Weather", body="Fog lay over the harbour all morning.")
    make_article(headline="Unrelated", body="Nothing to see.")
    assert sorted(headlines("harbour")) == [
        "Council news",
        "Harbour dredging resumes",
        "Weather",
    ]


def test_headline_match_ranks_above_body_match():
    """A word in the headline counts more than the same word in the body."""
    make_article(headline="Budget day", body="The lighthouse keeper retired today.")
    make_article(headline="Lighthouse keeper retires", body="After forty years.")
    assert headlines("lighthouse") == ["Lighthouse keeper retires", "Budget day"]


def test_every_word_must_match_and_last_word_is_a_prefix():
    """Words are all required; the last one also finds longer words it starts."""
    make_article(headline="Parliament votes on budget")
    make_article(headline="Parliament recess begins")
    assert headlines("parliament budget") == ["Parliament votes on budget"]
    assert sorted(headlines("parliament bud")) == ["Parliament votes on budget"]
    assert len(headlines("parlia")) == 2


def test_matches_are_marked_and_text_is_escaped():
    """Matched words come in <mark>; the article's own markup is shown as text."""
    make_article(
        headline="Tariffs <b>and</b> trade",
        body='A paragraph about tariffs & "quotes" <script>alert(1)</script>.',
    )
    (hit,) = search_articles("tariffs").hits
    assert str(hit.headline) == "<mark>Tariffs</mark> &lt;b&gt;and&lt;/b&gt; trade"
    assert "<mark>tariffs</mark> &amp; &quot;quotes" in hit.snippet
    assert "<script>" not in hit.snippet


def test_marks_never_leave_a_tag_open():
    """A stray engine mark without its partner is dropped, not left as a tag."""
    assert str(marked("\x02a\x03 b \x02c")) == "<mark>a</mark> b c"
    assert str(marked("<i>\x02x\x03</i>")) == "&lt;i&gt;<mark>x</mark>&lt;/i&gt;"


def test_snippet_falls_back_to_summary_when_the_body_has_no_match():
    """A match in the summary alone shows the summary, marked."""
    make_article(
        headline="Ferries",
        summary="Timetables for the island crossing change.",
        body="Ships leave at dawn.",
    )
    (hit,) = search_articles("island").hits
    assert "<mark>island</mark>" in hit.snippet


def test_diacritics_match_either_way():
    """Accents are ignored: "cafe" finds "café" and "Zurich" finds "Zürich"."""
    make_article(headline="A new café opens in Zürich")
    assert headlines("cafe") == ["A new café opens in Zürich"]
    assert headlines("zurich") == ["A new café opens in Zürich"]
    assert headlines("CAFÉ") == ["A new café opens in Zürich"]
    (hit,) = search_articles("cafe").hits
    assert "<mark>café</mark>" in hit.headline


def test_author_and_tag_names_are_searched():
    """An author's name or a tag finds the article; the hit names its authors."""
    writer = make_author("Ingrid Halvorsen")
    tag = make_tag("Fisheries")
    make_article(headline="Quotas cut", authors=[writer])
    make_article(headline="Trawler sinks", tags=[tag])
    assert headlines("halvorsen") == ["Quotas cut"]
    assert headlines("fisheries") == ["Trawler sinks"]
    (hit,) = search_articles("quotas").hits
    assert hit.authors == "Ingrid Halvorsen"


def test_drafts_and_scheduled_articles_are_not_found():
    """Only articles readers may see are found."""
    make_article(headline="Glacier report", status=Article.Status.DRAFT)
    make_article(
        headline="Glacier forecast", status=Article.Status.SCHEDULED, days_ago=-1
    )
    make_article(headline="Glacier retreat")
    assert headlines("glacier") == ["Glacier retreat"]


def test_index_follows_an_edit():
    """After an article is edited, its old words are gone and its new ones found."""
    article = make_article(headline="Old headline about tunnels")
    article.headline = "New headline about bridges"
    save_article(article)
    assert headlines("tunnels") == []
    assert headlines("bridges") == ["New headline about bridges"]


def test_index_follows_unpublishing_and_deletion():
    """A story taken back to draft or deleted is no longer found."""
    kept = make_article(headline="Volcano erupts")
    gone = make_article(headline="Volcano calms")
    kept.status = Article.Status.DRAFT
    save_article(kept)
    assert headlines("volcano") == ["Volcano calms"]
    gone.delete()
    assert headlines("volcano") == []


def test_index_follows_tag_and_author_changes():
    """Adding, removing and renaming tags and authors, from either side."""
    article = make_article(headline="Markets")
    tag = make_tag("Shipping")
    article.tags.add(tag)
    assert headlines("shipping") == ["Markets"]
    tag.name = "Logistics"
    tag.save()
    assert headlines("shipping") == [] and headlines("logistics") == ["Markets"]
    tag.articles.clear()
    assert headlines("logistics") == []
    writer = make_author("Oona Quist")
    writer.articles.add(article)
    assert headlines("quist") == ["Markets"]
    writer.delete()
    assert headlines("quist") == []


def test_index_follows_an_editor_in_the_admin(editor_client):
    """Publishing a draft with a new headline and a tag in the admin: found."""
    draft = make_article(headline="Draft about kelp", status=Article.Status.DRAFT)
    tag = make_tag("Seaweed")
    assert headlines("kelp") == []
    response = editor_client.post(
        f"/admin/newsroom/article/{draft.pk}/change/",
        {
            "headline": "Kelp forests return",
            "slug": draft.slug,
            "summary": "",
            "body": draft.body,
            "authors": [make_author("Runa Vik").pk],
            "tags": [tag.pk],
            "lead_image_url": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "status": Article.Status.PUBLISHED,
            "published_at_0": "",
            "published_at_1": "",
            "comments_open": "on",
            "close_comments_after_days": "",
            **NO_FEEDBACK_PROMPTS,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert headlines("kelp") == ["Kelp forests return"]
    assert headlines("seaweed") == ["Kelp forests return"]
    assert headlines("runa vik") == ["Kelp forests return"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced quote',
        "harbour)",
        "(harbour",
        "NEAR(harbour fog)",
        "harbour NEAR fog",
        "*",
        "harbour*",
        "-harbour",
        "harbour -fog",
        "harbour OR fog AND NOT x",
        "title:harbour",
        "^harbour",
        "harbour:* & !fog | (x",
        "'; DROP TABLE newsroom_article; --",
        "!!!",
        "   ",
        "",
        "\x00",
        "_",
        "é" * 50,
        "word " * 40,
        "² ª ① ㊀ ٣ ⅷ",
        "e\u0301cole 東京 ﷺ",
        "\u200b\u202e",
        "ß ǅ ﬁ",
    ],
)
def test_hostile_queries_never_error(query):
    """What a reader types is never the engine's syntax: no error, ever."""
    make_article(headline="Harbour fog", body="x")
    results = search_articles(query)
    assert results.total >= 0


def test_operator_words_are_just_words():
    """NEAR, OR and NOT are searched for as words, not taken as operators."""
    make_article(headline="Harbour fog")
    make_article(headline="Near the harbour")
    assert headlines("near harbour") == ["Near the harbour"]
    assert headlines("harbour OR fog") == []


def test_empty_long_and_wordless_queries_say_why():
    assert "Type a word" in search_articles("").message
    assert "too long" in search_articles("x" * (MAX_QUERY_CHARS + 1)).message
    assert "no words" in search_articles("?!").message


def test_results_are_paged():
    """Ten to a page, best first; a page past the end shows the last one."""
    for n in range(12):
        make_article(headline=f"Election update {n}", days_ago=n + 1)
    first = search_articles("election", 1)
    second = search_articles("election", 2)
    assert first.total == 12 and first.num_pages == 2
    assert len(first.hits) == 10 and len(second.hits) == 2
    assert search_articles("election", 9).page == 2
    assert search_articles("election", "x").page == 1


def test_search_page_shows_hits_with_marks_byline_and_date(client):
    writer = make_author("Mara Lind")
    make_article(headline="Orchard frost", authors=[writer], body="Frost hit early.")
    response = client.get(reverse("newsroom:search"), {"q": "frost"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Frost</mark>" in page and "By Mara Lind" in page
    assert 'value="frost"' in page and "1 story matches" in page.replace(
        "One story", "1 story"
    )
    assert response.headers["Cache-Control"] == "private, max-age=60"
    assert 'name="robots" content="noindex"' in page


def test_search_page_takes_at_most_two_queries(client, django_assert_max_num_queries):
    """The page is cheap: the hits and their marked text in one or two queries."""
    for n in range(15):
        make_article(headline=f"Tide table {n}")
    client.get("/")  # the session and such, whatever the first request loads
    with django_assert_max_num_queries(2):
        response = client.get(reverse("newsroom:search"), {"q": "tide"})
    assert response.status_code == 200


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "", "x" * 500, "%%%", "-"])
def test_search_page_never_fails(client, query):
    make_article(headline="Harbour fog")
    response = client.get(reverse("newsroom:search"), {"q": query, "page": "-3"})
    assert response.status_code == 200


def test_masthead_has_the_search_box(client):
    page = client.get("/").content.decode()
    assert 'role="search"' in page and f'action="{reverse("newsroom:search")}"' in page


def test_index_is_the_database_own_engine():
    """SQLite keeps an FTS5 table, PostgreSQL a GIN-indexed tsvector table."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'newsroom_article_fts'"
            )
            (sql,) = cursor.fetchone()
            assert "fts5" in sql and "remove_diacritics 2" in sql
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes"
                " WHERE tablename = 'newsroom_article_search'"
            )
            assert any("gin" in row[0] for row in cursor.fetchall())


def test_most_common_words_rank_among_the_newest_matches(monkeypatch):
    """Past RANKED_MATCHES matches, the best of the newest come first, and the
    page says there are more than that."""
    monkeypatch.setattr("parley.newsroom.search.RANKED_MATCHES", 3)
    make_article(headline="Storm warning", days_ago=9)  # the best, but old
    for n in range(5):
        make_article(headline=f"Update {n}", body="A storm passed.", days_ago=5 - n)
    results = search_articles("storm")
    assert results.approximate and results.total == 3
    assert "Storm warning" not in headlines("storm")
    assert 3 <= len(results.hits) <= 4  # the newest three (PostgreSQL: and one)


def test_rows_of_articles_gone_without_a_signal_are_pruned_after_a_flush():
    """A flush (as between transactional tests) or a raw delete leaves no match."""
    from django.core.management.sql import emit_post_migrate_signal

    article = make_article(headline="Avalanche risk", tags=[make_tag()])
    with connection.cursor() as cursor:
        for through in (Article.tags.through, Article.authors.through):
            cursor.execute(
                f"DELETE FROM {through._meta.db_table} WHERE article_id = %s",  # noqa: S608
                [article.pk],
            )
        cursor.execute("DELETE FROM newsroom_article WHERE id = %s", [article.pk])
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert search_articles("avalanche").total == 0


def test_search_page_says_when_there_are_more_than_were_ranked(client, monkeypatch):
    monkeypatch.setattr("parley.newsroom.search.RANKED_MATCHES", 1)
    make_article(headline="Heatwave ends")
    make_article(headline="Heatwave begins")
    page = client.get(reverse("newsroom:search"), {"q": "heatwave"}).content.decode()
    assert "More than 1 story matches" in page

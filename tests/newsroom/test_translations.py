"""The newsroom's pages in the reader's language: their words from the
newsroom's catalogue, dates with the language's month names and order, counts
with its plural forms and digit grouping."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from parley.discussions.models import Thread
from parley.newsroom.models import Article
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db

MARCH_5 = datetime(2026, 3, 5, 16, 7, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request leaves its language active in the thread."""
    yield
    translation.activate("en")


def _page(client, path: str, language: str) -> str:
    return client.get(path, headers={"Accept-Language": language}).content.decode()


def _published_march_5(**fields) -> Article:
    article = make_article(**fields)
    Article.objects.filter(pk=article.pk).update(published_at=MARCH_5)
    article.refresh_from_db()
    return article


def test_german_home_page_speaks_german(client):
    _published_march_5(headline="Lead story")
    for _ in range(4):
        make_article()
    page = _page(client, "/", "de-DE")
    for words in (
        "Startseite",  # the section navigation
        "Neueste Artikel",  # "Latest stories"
        'placeholder="Suchen"',  # the masthead's search box
        "Artikel durchsuchen",
        "Datenschutz",  # the footer's flat pages
        "Community-Richtlinien",
        "Zum Inhalt springen",
        "5. März 2026",  # the lead's byline
    ):
        assert words in page
    for english in ("Front page", "Latest stories", "Skip to content", "March"):
        assert english not in page


def test_article_page_dates_and_counts_follow_the_language(client):
    article = _published_march_5(headline="Night trains")
    post(article.thread, "First.")
    post(article.thread, "Second.")
    url = article.get_absolute_url()
    german = _page(client, url, "de")
    assert "Von <a" in german
    assert ">5. März 2026, 16:07</time>" in german
    assert f'data-parley-count="{article.thread.key}">2 Kommentare</a>' in german
    english = _page(client, url, "en")
    assert ">March 5, 2026, 4:07 PM</time>" in english
    assert ">2 comments</a>" in english
    # Arabic has a form of its own for two.
    assert ">تعليقان</a>" in _page(client, url, "ar")
    assert ">5 mars 2026, 16:07</time>" in _page(client, url, "fr")


def test_latest_stories_show_day_and_month_in_the_language(client):
    _published_march_5(headline="Older story")
    article = make_article(headline="Newest story")
    page = _page(client, article.get_absolute_url(), "es")
    assert ">5 mar</time>" in page
    assert "Últimas noticias" in page


def test_large_counts_are_grouped_as_the_language_groups_them(client):
    article = make_article()
    Thread.objects.filter(pk=article.thread_id).update(comment_count=1234)
    assert ">1.234 Kommentare</a>" in _page(client, "/", "de")
    assert ">1,234 comments</a>" in _page(client, "/", "en")


def test_search_answers_in_the_readers_language(client):
    make_article(headline="Harbour dredging resumes")
    make_article(headline="Harbour fees rise")
    page = _page(client, "/search/?q=harbour", "de")
    assert "2 Artikel passen zu „harbour“." in page
    assert "Artikel durchsuchen" in page
    page = _page(client, "/search/?q=", "fr")
    assert "Tapez un mot ou deux pour rechercher dans les articles." in page
    page = _page(client, "/search/?q=zzzz", "ar")
    assert "لا توجد أخبار تطابق «zzzz»." in page


def test_the_feed_describes_itself_in_the_language(client, settings):
    settings.SITE_NAME = "Gazette"
    make_article()
    feed = _page(client, "/feeds/rss/", "es")
    assert "Las últimas noticias de Gazette." in feed


def test_article_date_refuses_an_unknown_style():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load parley_dates %}{{ when|article_date:"year" }}').render(
            Context({"when": MARCH_5})
        )

"""The discussion without JavaScript in the reader's language: the page, the
form's sentences, the news after posting, the edit window's minutes and the
refusals, with counts in each language's plural and numbers as it writes them;
the sentences English readers know stay exactly as they were."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from parley.core.templatetags.parley_dates import comment_date
from parley.discussions import pages, queries
from parley.discussions.errors import AWAITING_MODERATION, EMPTY_BODY, MISSING_NAME
from parley.discussions.models import Comment, Thread
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db

GERMAN = {"Accept-Language": "de-DE,de;q=0.9"}


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request leaves its language active in the thread."""
    yield
    translation.activate("en")


def test_the_english_sentences_stay_exact():
    with translation.override("en"):
        assert str(EMPTY_BODY) == "Please enter your comment!"
        assert str(MISSING_NAME) == "Please enter your name here"
        assert [str(label) for _value, label in pages.SORTS] == [
            "Newest",
            "Oldest",
            "Most Voted",
        ]


def test_a_german_reader_reads_the_discussion_in_german(client):
    article = make_article()
    post(article.thread, "Erste Meinung.", name="Ute")
    body = client.get(article.get_absolute_url(), headers=GERMAN).content.decode()
    assert "1 Kommentar</h2>" in body
    assert "Einen Kommentar schreiben" in body
    assert "Kommentar veröffentlichen" in body
    assert ">Neueste</a>" in body and ">Meiste Stimmen</a>" in body
    assert "Benachrichtigen bei" in body
    assert "Leave a comment" not in body and "Post comment" not in body


def test_the_heading_count_is_written_as_the_language_writes_numbers(client):
    article = make_article()
    post(article.thread, "One.", name="Una")
    Thread.objects.filter(pk=article.thread.pk).update(comment_count=1234)
    url = article.get_absolute_url()
    assert "1.234 Kommentare</h2>" in client.get(url, headers=GERMAN).content.decode()
    assert "1,234 comments</h2>" in client.get(url).content.decode()


def test_an_empty_post_is_refused_in_german(client):
    article = make_article()
    response = client.post(article.get_absolute_url(), {"body": ""}, headers=GERMAN)
    body = response.content.decode()
    assert "Bitte geben Sie Ihren Kommentar ein!" in body
    assert "Bitte geben Sie hier Ihren Namen ein" in body
    english = client.post(article.get_absolute_url(), {"body": ""}).content.decode()
    assert "Please enter your comment!" in english


def test_the_news_and_the_minutes_left_are_in_french(client):
    article = make_article()
    url = article.get_absolute_url()
    french = {"Accept-Language": "fr"}
    response = client.post(
        url, {"body": "Mon avis.", "name": "Zoé"}, headers=french, follow=True
    )
    body = response.content.decode()
    assert "Commentaire publié." in body
    assert "minutes pour modifier" in body
    mine = Comment.objects.get(body_markdown="Mon avis.")
    edit = client.get(f"/comments/{mine.pk}/edit/", headers=french).content.decode()
    assert "Modifier votre commentaire" in edit
    assert "Vous pouvez encore modifier ou supprimer ce commentaire pendant" in edit
    # The time it ends is written as comment dates are (Babel), not a bare H:i.
    with translation.override("fr"):
        until = comment_date(queries.editable_until(mine))
    assert f"(jusqu\u2019au {until})" in edit


def test_arabic_counts_use_all_six_plural_forms():
    with translation.override("ar"):
        headings = [
            ngettext("%(total)s comment", "%(total)s comments", n) % {"total": n}
            for n in (0, 1, 2, 3, 11, 100)
        ]
    assert headings == [
        "لا تعليقات",
        "تعليق واحد",
        "تعليقان",
        "3 تعليقات",
        "11 تعليقًا",
        "100 تعليق",
    ]


def test_api_refusals_speak_the_readers_language(client):
    article = make_article()
    response = client.post(
        f"/api/v1/threads/{article.thread.key}/comments",
        {"body": "", "name": "Ana"},
        content_type="application/json",
        headers={"Accept-Language": "es"},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["body"] == "¡Escriba su comentario!"


def test_a_held_comment_is_told_in_the_readers_language():
    with translation.override("es"):
        assert str(AWAITING_MODERATION) == "Su comentario está pendiente de moderación."

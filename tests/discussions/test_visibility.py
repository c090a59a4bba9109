"""One visibility rule for every read and write: a comment under an article that
is not public (a draft, or one pulled back to draft) is reached by no route."""

import json

import pytest

from parley.newsroom.actions import save_article
from parley.newsroom.models import Article
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def pulled_comment():
    """A comment posted while its article was public; the article is then
    pulled back to draft."""
    article = make_article()
    comment = post(article.thread, "Written while the article was public.")
    article.status = Article.Status.DRAFT
    save_article(article)
    return article, comment


@pytest.fixture(params=["draft", "pulled"])
def hidden(request, pulled_comment):
    if request.param == "pulled":
        return pulled_comment
    article = make_article()
    comment = post(article.thread, "Written before the draft.")
    article.status = Article.Status.DRAFT
    article.published_at = None
    save_article(article)
    return article, comment


def test_comment_of_hidden_article_is_not_returned(client, hidden):
    _article, comment = hidden
    response = client.get(f"{API}/comments/{comment.pk}")
    assert response.status_code == 404
    assert "Written" not in response.content.decode()


def test_comment_of_hidden_article_is_not_counted(client, hidden):
    article, _comment = hidden
    counts = client.get(f"{API}/counts", {"thread": article.thread_key}).json()
    assert counts["counts"].get(article.thread_key, 0) == 0


def test_comment_of_hidden_article_takes_no_votes(client, hidden):
    _article, comment = hidden
    response = client.post(
        f"{API}/comments/{comment.pk}/vote",
        data=json.dumps({"value": 1}),
        content_type="application/json",
    )
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.score == 0


def test_comment_of_hidden_article_takes_no_votes_without_js(client, hidden):
    _article, comment = hidden
    response = client.post(f"/comments/{comment.pk}/vote/", {"value": "1"})
    assert response.status_code in (302, 404)
    comment.refresh_from_db()
    assert comment.score == 0


def test_comment_of_hidden_article_takes_no_replies(client, hidden):
    article, comment = hidden
    response = client.post(
        f"{API}/threads/{article.thread_key}/comments",
        data=json.dumps({"body": "A reply.", "name": "Guest", "parent": comment.pk}),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_thread_of_hidden_article_lists_nothing(client, hidden):
    article, _comment = hidden
    response = client.get(f"{API}/threads/{article.thread_key}/comments")
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert response.json()["comments"] == []


def test_republished_article_shows_its_comments_again(client, pulled_comment):
    article, comment = pulled_comment
    article.status = Article.Status.PUBLISHED
    save_article(article)
    assert client.get(f"{API}/comments/{comment.pk}").status_code == 200

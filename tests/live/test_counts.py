"""Comment counts outside the discussion stay fresh after a post: the home
page's and tag pages' cards (shared pages, checked on every read) and the
counts API that embedding pages call (never kept by the browser)."""

import pytest
from django.test import Client

from tests.factories import make_article, make_thread, post

pytestmark = pytest.mark.django_db


def test_the_home_pages_cards_count_a_new_comment_at_once():
    article = make_article(headline="Night trains return")
    client = Client()
    assert "0 comments" in client.get("/").content.decode()
    post(article.thread, "First words.")
    assert "1 comment<" in client.get("/").content.decode()
    post(article.thread, "Second words.")
    assert "2 comments" in client.get("/").content.decode()


def test_the_counts_api_counts_a_new_comment_at_once(client):
    thread = make_thread("blog:counted")
    url = "/api/v1/counts?thread=blog:counted"
    assert client.get(url).json() == {"counts": {"blog:counted": 0}}
    post(thread, "First words.")
    response = client.get(url)
    assert response.json() == {"counts": {"blog:counted": 1}}
    # Nothing lets a browser answer the next call from what it kept.
    assert "ETag" not in response and "Last-Modified" not in response
    assert "max-age" not in response.get("Cache-Control", "")

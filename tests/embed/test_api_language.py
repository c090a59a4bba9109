"""The API answers the widget in the language it asks for (Accept-Language,
which api.js sends on every request), and says so to caches."""

import pytest
from django.utils import translation

from tests.factories import make_article, post


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    translation.activate("en")


@pytest.mark.django_db
def test_a_thread_page_is_kept_per_language(client):
    """The page carries the language its dates are written in: its ETag and
    Vary say so, so a German reader never gets the English page from a cache."""
    article = make_article()
    post(article.thread, "Hello.", name="Ana")
    path = f"/api/v1/threads/{article.thread.key}/comments"
    german = client.get(path, headers={"Accept-Language": "de"})
    english = client.get(path, headers={"Accept-Language": "en"})
    assert german.json()["language"] == "de"
    assert english.json()["language"] == "en"
    assert german.headers["ETag"] != english.headers["ETag"]
    assert "Accept-Language" in german.headers["Vary"]
    again = client.get(
        path,
        headers={"Accept-Language": "en", "If-None-Match": german.headers["ETag"]},
    )
    assert again.status_code == 200


@pytest.mark.django_db
def test_a_refusal_comes_in_the_language_asked_for(client):
    article = make_article()
    path = f"/api/v1/threads/{article.thread.key}/comments"
    response = client.post(
        path,
        {"body": ""},
        content_type="application/json",
        headers={"Accept-Language": "es"},
    )
    assert response.status_code in {400, 422}
    assert "Accept-Language" in response.headers["Vary"]
    english = client.post(path, {"body": ""}, content_type="application/json")
    assert response.json() != english.json()

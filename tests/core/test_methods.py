"""Pages take GET and POST only, answered before the cross-site check; the API
answers JSON even when the cross-site check refuses, and logs it once."""

import logging

import pytest
from django.test import Client

from tests.factories import make_article

pytestmark = pytest.mark.django_db
CROSS_SITE = {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize(
    "path", ["(article)", "/accounts/sign-in/", "/accounts/sign-up/", "/moderate/"]
)
def test_pages_answer_405_to_methods_they_never_take(method, path):
    if path == "(article)":
        path = make_article().get_absolute_url()
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(path, headers=CROSS_SITE)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


def test_a_page_asked_from_its_own_origin_still_refuses_put():
    """The cross-site check passes it; the page must not treat it as a GET."""
    article = make_article()
    client = Client(enforce_csrf_checks=True)
    response = client.put(
        article.get_absolute_url(),
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )
    assert response.status_code == 405


def test_a_csrf_refusal_on_the_api_is_json_and_logged_once(caplog, django_user_model):
    user = django_user_model.objects.create_user(username="r", password="pw-r-12345")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/api/v1/threads/k/comments",
            data="{}",
            content_type="application/json",
            headers=CROSS_SITE,
        )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    refusals = [
        r for r in caplog.records if "/api/v1/threads/k/comments" in r.getMessage()
    ]
    assert len(refusals) == 1, [r.getMessage() for r in refusals]


def test_post_to_the_api_root_is_json():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/", headers=CROSS_SITE)
    assert response.status_code in (403, 404, 405)
    assert response["Content-Type"].startswith("application/json")

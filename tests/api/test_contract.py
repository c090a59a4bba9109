"""The contract says what the code does: every status a route answers, in its shape."""

import pytest
from django.test import Client

from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _operations(client):
    schema = client.get(f"{API}/openapi.json").json()
    return {
        (method.upper(), path.removeprefix(API)): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/threads/k/comments", "{not json"),
        ("post", "/comments/{id}/vote", "\x00"),
        ("patch", "/comments/{id}", "[1"),
        ("post", "/comments/{id}/report", "nope"),
    ],
)
def test_a_body_that_is_not_json_is_refused_as_errors_out(method, path, body):
    """It came back as {"detail": ...} where the contract says ErrorsOut."""
    comment = post(make_thread("k"), "x")
    response = getattr(Client(), method)(
        f"{API}{path.replace('{id}', str(comment.pk))}",
        data=body,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"request": "The request body is not valid JSON."}
    }


@pytest.mark.parametrize(
    "query", ["?thread=", "?thread=with%20space", "?thread=ok&thread=" + "k" * 256]
)
def test_counts_refuses_a_malformed_key_with_400(client, query):
    """It answered an undocumented 404: a bad parameter is a 400."""
    response = client.get(f"{API}/counts{query}")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "thread": "A thread key is 1 to 255 printable characters without spaces."
        }
    }


def test_held_comments_refuse_a_malformed_key_with_400(client):
    response = client.get(f"{API}/me/comments?thread=with%20space")
    assert response.status_code == 400


# Routes that read no parameter, so have none to refuse.
PARAMETERLESS = {("GET", "/challenge"), ("GET", "/support/campaign")}


def test_every_route_declares_the_statuses_it_can_answer(client):
    operations = _operations(client)
    writes = {key for key in operations if key[0] in ("POST", "PATCH", "DELETE")}
    for key, operation in operations.items():
        codes = set(operation["responses"])
        assert "503" in codes, key  # the database away for a moment
        if key not in PARAMETERLESS:
            assert "400" in codes, key
        if key in writes:
            assert {"403", "413"} <= codes, key  # CSRF, body size
    assert "304" in operations["GET", "/threads/{key}/comments"]["responses"]
    assert "404" not in operations["GET", "/counts"]["responses"]
    create = operations["POST", "/threads/{key}/comments"]["responses"]
    assert {"201", "202", "404", "409", "422", "429"} <= set(create)


def test_refusal_shapes_are_declared_as_they_are_sent(client):
    operations = _operations(client)
    get = operations["GET", "/comments/{comment_id}"]["responses"]

    def refs(response):
        schema = response["content"]["application/json"]["schema"]
        options = schema.get("anyOf", [schema])
        return {option["$ref"].rsplit("/", 1)[1] for option in options}

    assert refs(get["400"]) == {"ErrorsOut"}
    assert refs(get["404"]) == {"ErrorsOut", "DetailOut"}
    assert refs(get["503"]) == {"DetailOut"}

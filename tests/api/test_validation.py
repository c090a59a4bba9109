"""One validation per field: the API states and enforces the rules the actions do."""

import json

import pytest
from django.test import Client

from parley.discussions.models import Vote
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"
VOTE_SENTENCE = "A vote is 1 (up), -1 (down) or 0 (none)."


def send(client, method, path, body):
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(
        f"{API}{path}", data=data, content_type="application/json"
    )


@pytest.mark.parametrize(
    "raw",
    ['"1"', "1.0", "true", "false", "-1.0", "0.0", '"up"', "null", "1.5", "2", "-2"],
)
def test_a_vote_is_exactly_the_integer_1_0_or_minus_1(raw):
    """A string, float or boolean is refused, never coerced into a vote."""
    comment = post(make_thread("k"), "vote on me")
    response = send(
        Client(), "post", f"/comments/{comment.pk}/vote", f'{{"value": {raw}}}'
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"errors": {"value": VOTE_SENTENCE}}
    assert not Vote.objects.exists()


@pytest.mark.parametrize("value", [1, -1, 0])
def test_integer_votes_are_accepted(value):
    comment = post(make_thread("k"), "vote on me")
    response = send(Client(), "post", f"/comments/{comment.pk}/vote", {"value": value})
    assert response.status_code == 200
    assert response.json()["my_vote"] == value


def test_the_schema_states_the_vote_rule(client):
    schema = client.get(f"{API}/openapi.json").json()
    value = schema["components"]["schemas"]["VoteIn"]["properties"]["value"]
    assert value["type"] == "integer"
    assert value["enum"] == [-1, 0, 1]

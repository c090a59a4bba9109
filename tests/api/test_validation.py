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


def _post_comment(body):
    return send(Client(), "post", "/threads/k/comments", body)


def test_an_email_past_the_254_character_column_is_refused():
    """Django's EmailValidator takes up to 320 characters; the column holds 254."""
    make_thread("k")
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"
    assert 254 < len(email) <= 320
    response = _post_comment({"body": "Hi", "name": "N", "email": email})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"email": "Please enter a valid e-mail address, or leave it empty."}
    }


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("parent", '"1"', "parent"),
        ("parent", "true", "parent"),
        ("parent", "1.0", "parent"),
        ("post_anyway", '"yes"', "post_anyway"),
        ("post_anyway", "1", "post_anyway"),
        ("signals", '{"keys": "5"}', "keys"),
        ("signals", '{"challenge_solved": "true"}', "challenge_solved"),
    ],
)
def test_api_fields_take_their_json_type_only(field, value, named):
    """No coercion: a string is not an id, 1 is not true."""
    thread = make_thread("k")
    post(thread, "parent")
    raw = f'{{"body": "Hi", "name": "N", "{field}": {value}}}'
    response = _post_comment(raw)
    assert response.status_code == 400, response.content
    assert named in response.json()["errors"]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"name": "N"}, {"body": "Please enter your comment!"}),
        ({"body": "Hi"}, {"name": "Please enter your name here"}),
        (
            {},
            {
                "body": "Please enter your comment!",
                "name": "Please enter your name here",
            },
        ),
    ],
)
def test_a_missing_field_gets_the_same_sentence_as_an_empty_one(body, errors):
    make_thread("k")
    response = _post_comment(body)
    assert response.status_code == 400
    assert response.json() == {"errors": errors}


def test_a_missing_edit_body_gets_the_actions_sentence():
    comment = post(make_thread("k"), "x")
    response = send(Client(), "patch", f"/comments/{comment.pk}", {})
    # Checked before access: the body is refused as on any other entry point.
    assert response.status_code in (400, 403)
    if response.status_code == 400:
        assert response.json() == {"errors": {"body": "Please enter your comment!"}}


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        (
            {"reason": "boring"},
            {"reason": "Choose spam, abuse, off topic or other."},
        ),
        (
            {"reason": "other", "note": "n" * 501},
            {"note": "Please keep the note to 500 characters."},
        ),
    ],
)
def test_report_fields_get_the_actions_sentences(payload, errors):
    comment = post(make_thread("k"), "x")
    response = send(Client(), "post", f"/comments/{comment.pk}/report", payload)
    assert response.status_code == 400
    assert response.json() == {"errors": errors}


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("?limit=1001", {"limit": "Ask for 1 to 1000 comments a page."}),
        ("?limit=-1", {"limit": "Ask for 1 to 1000 comments a page."}),
        ("?sort=sideways", {"sort": "Sort by newest, oldest or votes."}),
    ],
)
def test_page_parameters_get_the_actions_sentences(client, query, errors):
    response = client.get(f"{API}/threads/k/comments{query}")
    assert response.status_code == 400
    assert response.json() == {"errors": errors}


def _schema(client, name):
    return client.get(f"{API}/openapi.json").json()["components"]["schemas"][name]


def test_the_schema_states_the_comment_rules(client):
    comment_in = _schema(client, "CommentIn")
    fields = comment_in["properties"]
    assert "body" in comment_in["required"]
    assert "default" not in fields["body"]
    assert (fields["body"]["minLength"], fields["body"]["maxLength"]) == (1, 10_000)
    # Required of guests only, so not required, but with no misleading default.
    assert "name" not in comment_in["required"] and "default" not in fields["name"]
    assert fields["name"]["maxLength"] == 100
    assert fields["email"]["maxLength"] == 254
    assert fields["website"]["maxLength"] == 500
    edit_in = _schema(client, "CommentEditIn")
    assert (
        "body" in edit_in["required"] and "default" not in edit_in["properties"]["body"]
    )
    report_in = _schema(client, "ReportIn")["properties"]
    assert report_in["note"]["maxLength"] == 500
    assert report_in["reason"]["enum"] == ["spam", "abuse", "off_topic", "other"]


@pytest.mark.parametrize("value", ["[null, null]", "[]", '"x"', "5"])
def test_signals_are_an_object_or_null(value):
    """A list was read as an object with no attributes (found by schemathesis)."""
    make_thread("k")
    response = _post_comment(f'{{"body": "Hi", "name": "N", "signals": {value}}}')
    assert response.status_code == 400
    assert "signals" in response.json()["errors"]

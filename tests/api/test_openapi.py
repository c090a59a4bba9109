"""The API's contract is pinned: any change to it shows up as a diff of the snapshot.

Run with UPDATE_OPENAPI_SNAPSHOT=1 to accept a deliberate change.
"""

import json
import os
from pathlib import Path

import pytest
from django.test import Client

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")


@pytest.mark.django_db
def test_openapi_matches_the_snapshot(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    if os.environ.get("UPDATE_OPENAPI_SNAPSHOT") == "1" or not SNAPSHOT.exists():
        SNAPSHOT.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
    assert schema == json.loads(SNAPSHOT.read_text())


@pytest.mark.django_db
def test_every_operation_declares_ids_and_responses(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert {op["operationId"] for op in operations} == {
        "comments_list",
        "comments_create",
        "comments_get",
        "comments_update",
        "comments_delete",
        "comments_vote",
        "counts_list",
        "my_votes",
        "my_held_comments",
        "comments_report",
        "comments_moderate",
        "challenge_get",
        "subscriptions_create",
        "my_subscriptions",
        "comments_events",
        "articles_list",
        "articles_get",
        "support_campaign",
        "support_webhook",
        "widget_messages",
    }
    for op in operations:
        assert any(code.startswith("2") for code in op["responses"])


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_contract_is_read_only(method):
    """POST /openapi.json answered Django's HTML CSRF page (403); it is 405
    even from another site."""
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(
        "/api/v1/openapi.json",
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    )
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "This endpoint takes GET, HEAD only."}

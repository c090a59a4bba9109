"""POST /api/v1/support/webhook over HTTP: JSON answers with reasons, never a
500, no cross-site check but the signature, and duplicates sent at the same
moment recorded once (the proof that matters runs on PostgreSQL)."""

import json
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from parley.support import actions
from parley.support.models import Donation, WebhookDelivery
from parley.support.signatures import sign

pytestmark = pytest.mark.django_db

URL = "/api/v1/support/webhook"
SECRET = "whsec_current"
Outcome = WebhookDelivery.Outcome


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.PARLEY_SUPPORT_WEBHOOK_SECRETS = [SECRET]


def event(event_id="evt_1", **payment) -> bytes:
    payment = {"id": "pay_1", "amount": "25.00", "currency": "EUR", **payment}
    body = {"id": event_id, "type": "donation.succeeded", "data": {"object": payment}}
    return json.dumps(body).encode()


def post(client, body: bytes, *, secret=SECRET, signature=None, **headers):
    signature = sign(body, secret) if signature is None else signature
    return client.post(
        URL,
        body,
        content_type="application/json",
        headers={"Parley-Signature": signature, **headers},
    )


def test_a_signed_event_is_recorded_and_answered_200(api_client):
    response = post(api_client, event())
    assert response.status_code == 200
    assert response.json() == {"outcome": "recorded", "detail": "Donation recorded."}
    assert Donation.objects.get().reference == "pay_1"


def test_a_second_delivery_is_answered_200_as_a_duplicate(api_client):
    post(api_client, event())
    response = post(api_client, event())
    assert response.status_code == 200
    assert response.json()["outcome"] == "duplicate"
    assert Donation.objects.count() == 1


def test_a_bad_signature_is_answered_400_with_its_reason(api_client):
    response = post(api_client, event(), secret="whsec_guess")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "signature": "The signature does not match the body with any secret."
        }
    }
    assert not Donation.objects.exists()
    assert WebhookDelivery.objects.get().outcome == Outcome.REFUSED


def test_a_missing_signature_is_answered_400(api_client):
    response = api_client.post(URL, event(), content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"signature": "The Parley-Signature header is missing."}
    }


def test_with_no_secret_every_call_is_answered_403(api_client, settings):
    settings.PARLEY_SUPPORT_WEBHOOK_SECRETS = []
    response = post(api_client, event(), secret="")
    assert response.status_code == 403
    assert "no signing secret" in response.json()["errors"]["signature"]
    assert not Donation.objects.exists()


def test_a_refund_of_an_unknown_payment_is_answered_404(api_client):
    body = json.dumps(
        {
            "id": "evt_r",
            "type": "donation.refunded",
            "data": {"object": {"donation": "x"}},
        }
    ).encode()
    response = post(api_client, body)
    assert response.status_code == 404
    assert response.json() == {
        "errors": {"reference": "No donation has the reference x."}
    }


def test_a_refund_is_answered_200(api_client):
    post(api_client, event())
    body = json.dumps(
        {
            "id": "evt_r",
            "type": "donation.refunded",
            "data": {"object": {"donation": "pay_1", "amount": "5.00"}},
        }
    ).encode()
    response = post(api_client, body)
    assert (response.status_code, response.json()["outcome"]) == (200, "refunded")
    assert Donation.objects.get().net == 20


def test_the_signature_alone_is_the_authority_across_sites(django_user_model):
    """No cross-site check (a provider's server is another site), and no
    cookie counts: a signed-in reader's browser on a hostile page can post,
    but it can't sign, so it is refused and nothing is recorded."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_superuser("ed", "e@x.org", "p"))
    cross_site = {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}
    forged = post(client, event(), signature="t=1,v1=00", **cross_site)
    assert forged.status_code == 400
    assert "signature" in forged.json()["errors"]
    assert not Donation.objects.exists()
    signed = post(client, event(), **cross_site)
    assert signed.status_code == 200
    assert Donation.objects.count() == 1


def test_a_body_past_the_webhook_limit_is_answered_413_and_logged(api_client):
    response = post(api_client, event(message="x" * 70_000))
    assert response.status_code == 413
    assert "at most 65,536 bytes" in response.json()["errors"]["request"]
    assert WebhookDelivery.objects.get().status_code == 413


def test_a_body_past_the_site_limit_is_answered_413_before_it_is_read(api_client):
    """The API's boundary refuses it before any view runs (docs/support.md)."""
    response = post(api_client, event(message="x" * 300_000))
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b'{"id": "evt_1", "type": "donation.succeeded", "data": {"object": []}}',
        b'{"id": "evt_1", "type": "donation.succeeded", "data": {"object": {'
        b'"id": "p", "amount": 1e999999, "currency": "EUR"}}}',
        b'{"id": "evt_1", "type": "donation.succeeded", "data": {"object": {'
        b'"id": "p", "amount": "NaN", "currency": "EUR"}}}',
        b'{"id": "evt_1", "type": "donation.refunded", "data": {"object": {'
        b'"donation": ["p"], "amount": "1"}}}',
        b'{"id": "evt_1", "type": "donation.refunded", "data": {"object": {'
        b'"donation": "p", "amount": 1e999999}}}',
    ],
)
def test_odd_signed_bodies_are_answered_400_never_500(api_client, body):
    response = post(api_client, body)
    assert response.status_code == 400
    assert response.json()["errors"]
    assert not Donation.objects.exists()


def test_the_caller_address_is_logged(api_client):
    body = event()
    api_client.post(
        URL,
        body,
        content_type="application/json",
        headers={"Parley-Signature": sign(body, SECRET)},
        REMOTE_ADDR="203.0.113.9",
    )
    assert WebhookDelivery.objects.get().remote_addr == "203.0.113.9"


def test_get_is_answered_405(api_client):
    assert api_client.get(URL).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_deliveries_record_one_donation(monkeypatch):
    """Eight deliveries of one event at the same moment: one donation, every
    answer a 200. The first is held inside its transaction for a moment, so
    the others certainly arrive while it is uncommitted and must wait on the
    delivery log's constraint (PostgreSQL's unique index; SQLite's lock)."""
    real = actions.record_donation

    def slow(**kwargs):
        time.sleep(0.3)
        return real(**kwargs)

    monkeypatch.setattr(actions, "record_donation", slow)
    body = event()
    barrier = threading.Barrier(8)
    answers: list[tuple[int, str, str]] = []
    failures: list[Exception] = []

    def deliver() -> None:
        try:
            client = Client()
            barrier.wait(timeout=10)
            response = post(client, body)
            answer = response.json()
            answers.append((response.status_code, answer["outcome"], answer["detail"]))
        except Exception as error:  # collected and asserted below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures
    # Stopped by the event's id, not by the payment's reference behind it.
    assert sorted(answers) == [
        (200, "duplicate", "This event was processed already.")
    ] * 7 + [(200, "recorded", "Donation recorded.")]
    assert Donation.objects.count() == 1
    assert sorted(WebhookDelivery.objects.values_list("outcome", flat=True)) == [
        Outcome.DUPLICATE
    ] * 7 + [Outcome.RECORDED]
    delivery = WebhookDelivery.objects.get(outcome=Outcome.RECORDED)
    assert delivery.donation == Donation.objects.get()

"""The payment webhook's rules, through parley.support.webhooks.receive: what
is signed right is recorded once, what is not is refused and logged, refunds
reverse, and an event delivered many times at once counts once."""

import json
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from parley.core.models import Version
from parley.support import actions, webhooks
from parley.support.models import Donation, WebhookDelivery
from tests.support.campaigns import running_campaign
from tests.support.webhook_events import (
    SECRET,
    Outcome,
    deliver,
    event,
    refund_event,
    refusal,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _secret(settings):
    """Secrets and tolerance as a newsroom sets them (read when used)."""
    settings.PARLEY_SUPPORT_WEBHOOK_SECRETS = [SECRET]
    settings.PARLEY_SUPPORT_WEBHOOK_TOLERANCE = 300


def test_a_good_signature_records_one_donation():
    receipt = deliver(event(donor_name="Ada", public=True, message="Thanks!"))
    assert receipt.outcome == Outcome.RECORDED
    donation = Donation.objects.get()
    assert (donation.amount, donation.currency, donation.reference) == (
        Decimal("25.00"),
        "EUR",
        "pay_1",
    )
    assert (donation.source, donation.kind) == ("webhook", Donation.Kind.ONE_OFF)
    assert (donation.donor_name, donation.is_public, donation.message) == (
        "Ada",
        True,
        "Thanks!",
    )
    delivery = WebhookDelivery.objects.get()
    assert (delivery.event_id, delivery.event_type, delivery.outcome) == (
        "evt_1",
        "donation.succeeded",
        Outcome.RECORDED,
    )
    assert (delivery.donation, delivery.status_code) == (donation, 200)
    assert delivery.remote_addr == "192.0.2.7"


def test_a_recorded_donation_moves_the_ledger_version():
    """Pages showing the goal bar are kept under it: they follow the webhook."""
    deliver(event())
    assert Version.objects.get(name=actions.LEDGER).value == 2


def test_the_same_event_delivered_twice_records_one_donation():
    first = deliver(event())
    second = deliver(event())
    assert (first.outcome, second.outcome) == (Outcome.RECORDED, Outcome.DUPLICATE)
    assert Donation.objects.count() == 1
    assert second.donation == first.donation
    assert list(
        WebhookDelivery.objects.order_by("pk").values_list("outcome", "status_code")
    ) == [(Outcome.RECORDED, 200), (Outcome.DUPLICATE, 200)]


def test_a_payment_already_in_the_ledger_under_another_event_is_a_duplicate():
    """Two event types (or an import) may bring one payment: it counts once."""
    deliver(event("evt_1"))
    receipt = deliver(event("evt_2", amount="30.00"))
    assert receipt.outcome == Outcome.DUPLICATE
    assert "pay_1 is in the ledger already" in receipt.detail
    assert Donation.objects.get().amount == Decimal("25.00")


def test_a_refund_reverses_the_donation():
    deliver(event())
    receipt = deliver(refund_event())
    assert receipt.outcome == Outcome.REFUNDED
    donation = Donation.objects.get()
    assert (donation.refunded, donation.net) == (Decimal("25.00"), Decimal("0.00"))
    assert donation.refunded_at is not None
    assert WebhookDelivery.objects.get(event_id="evt_r1").donation == donation


def test_partial_refunds_add_up_and_each_counts_once():
    deliver(event())
    deliver(refund_event("evt_r1", amount="5.00"))
    deliver(refund_event("evt_r1", amount="5.00"))  # delivered again
    deliver(refund_event("evt_r2", amount="2.50"))
    assert Donation.objects.get().refunded == Decimal("7.50")


def test_a_full_refund_of_a_payment_refunded_in_full_already_changes_nothing():
    deliver(event())
    deliver(refund_event("evt_r1"))
    refunded_at = Donation.objects.get().refunded_at
    version = Version.objects.get(name=actions.LEDGER).value
    receipt = deliver(refund_event("evt_r2"))
    assert receipt.outcome == Outcome.DUPLICATE
    assert receipt.detail == (
        "The payment pay_1 was refunded in full already; nothing changed."
    )
    donation = Donation.objects.get()
    assert (donation.refunded, donation.refunded_at) == (Decimal("25.00"), refunded_at)
    assert Version.objects.get(name=actions.LEDGER).value == version
    delivery = WebhookDelivery.objects.get(event_id="evt_r2")
    assert (delivery.outcome, delivery.status_code) == (Outcome.DUPLICATE, 200)
    assert delivery.donation == donation


def test_a_refund_of_more_than_is_left_is_refused():
    deliver(event())
    error = refusal(refund_event(amount="30.00"))
    assert (error.status, list(error.errors)) == (400, ["amount"])
    assert Donation.objects.get().refunded == 0


def test_a_refund_that_arrives_before_its_payment_is_refused_then_retried():
    """Providers don't promise order: a 4xx makes them deliver it again, and
    the refused try leaves nothing that would stop the retry."""
    error = refusal(refund_event())
    assert error.status == 404
    deliver(event())
    assert deliver(refund_event()).outcome == Outcome.REFUNDED
    assert Donation.objects.get().net == 0
    assert list(
        WebhookDelivery.objects.order_by("pk").values_list("event_id", "outcome")
    ) == [
        ("evt_r1", Outcome.REFUSED),
        ("evt_1", Outcome.RECORDED),
        ("evt_r1", Outcome.REFUNDED),
    ]


def test_events_of_other_types_are_ignored_and_logged():
    body = json.dumps({"id": "evt_9", "type": "customer.created"}).encode()
    receipt = deliver(body)
    assert receipt.outcome == Outcome.IGNORED
    assert "customer.created are not handled" in receipt.detail
    assert not Donation.objects.exists()
    assert deliver(body).outcome == Outcome.DUPLICATE
    assert WebhookDelivery.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": "abc"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "1.001"}, "amount"),
        ({"amount": "1e999999"}, "amount"),
        ({"amount": None}, "amount"),
        ({"amount": True}, "amount"),
        ({"currency": "euro"}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "DEM"}, "currency"),
        ({"currency": None}, "currency"),
        ({"currency": 978}, "currency"),
        ({"id": ""}, "id"),
        ({"id": 12}, "id"),
        ({"kind": "offline"}, "kind"),
        ({"kind": ["one_off"]}, "kind"),
        ({"public": "yes"}, "public"),
        ({"donor_name": {"first": "Ada"}}, "donor_name"),
        ({"donor_name": "Ada\x00"}, "donor_name"),
        ({"message": "\ud800"}, "message"),
        ({"created": "2025-03-01"}, "created"),
        ({"created": True}, "created"),
        ({"created": 10**15}, "created"),
        ({"created": 12}, "created"),
    ],
)
def test_an_event_the_ledger_cannot_hold_is_refused_with_its_reason(changes, field):
    error = refusal(event(**changes))
    assert (error.status, list(error.errors)) == (400, [field])
    assert not Donation.objects.exists()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.outcome, delivery.event_id) == (Outcome.REFUSED, "evt_1")
    assert delivery.reason == error.message


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"null",
        b"[]",
        b"{",
        b'{"id": "evt_1"}',
        b'{"id": 1, "type": "donation.succeeded"}',
        b'{"id": "evt_1", "type": ""}',
        b'{"id": "evt_1", "type": "donation.succeeded", "created": NaN}',
        b"\xff\xfe\x00garbage",
        b"[" * 30_000 + b"]" * 30_000,
        b'{"id": "evt_1", "type": "x", "n": ' + b"9" * 5000 + b"}",
    ],
)
def test_a_body_that_is_not_an_event_is_refused(body):
    error = refusal(body)
    assert error.status == 400
    assert WebhookDelivery.objects.get().outcome == Outcome.REFUSED


@pytest.mark.parametrize(
    "data",
    [None, "x", [], {}, {"object": []}, {"object": "pay_1"}, {"object": None}],
)
@pytest.mark.parametrize("type_", ["donation.succeeded", "donation.refunded"])
def test_an_event_with_no_object_is_refused_naming_data_object(data, type_):
    envelope = {"id": "evt_1", "type": type_}
    if data is not None:
        envelope["data"] = data
    error = refusal(json.dumps(envelope).encode())
    assert (error.status, error.errors) == (
        400,
        {"data.object": "data.object is required: a JSON object."},
    )
    assert WebhookDelivery.objects.get().outcome == Outcome.REFUSED


def test_a_donation_that_counts_towards_the_campaign_showing_says_nothing_more():
    running_campaign()
    receipt = deliver(event(currency="USD"))
    assert receipt.detail == "Donation recorded."


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({}, "the campaign is in USD"),
        (
            {"currency": "USD", "created": 1741000000},
            "it was received outside the campaign's counting window",
        ),
    ],
)
def test_a_donation_counting_towards_no_campaign_showing_says_why(changes, why):
    running_campaign()
    receipt = deliver(event(**changes))
    assert receipt.outcome == Outcome.RECORDED
    assert receipt.detail == (
        f"Donation recorded; it counts towards no campaign showing now ({why})."
    )


def test_a_donation_with_no_campaign_showing_is_simply_recorded():
    assert deliver(event()).detail == "Donation recorded."


def test_what_a_refused_call_claims_is_logged_as_text_the_log_can_hold():
    """No NUL or lone surrogate reaches the database (PostgreSQL refuses them)."""
    body = json.dumps({"id": "evt\x00\ud800" + "x" * 300, "type": "t\x00"}).encode()
    refusal(body, secret="whsec_guess")
    delivery = WebhookDelivery.objects.get()
    assert delivery.event_id.startswith("evt?x")
    assert (len(delivery.event_id), delivery.event_type) == (200, "t")


def test_a_body_past_the_limit_is_refused_unread():
    body = event(message="x" * webhooks.MAX_BODY_BYTES)
    error = refusal(body)
    assert (error.status, list(error.errors)) == (413, ["request"])
    assert WebhookDelivery.objects.get().status_code == 413


def test_json_numbers_are_read_as_the_decimals_they_spell():
    body = event().replace(b'"25.00"', b"19.99")
    deliver(body)
    assert Donation.objects.get().amount == Decimal("19.99")


def test_the_payment_time_comes_from_the_event():
    deliver(event(created=1741000000))
    assert Donation.objects.get().received_at.timestamp() == 1741000000


def test_a_recurring_renewal_keeps_its_kind():
    deliver(event(kind="recurring_renewal"))
    assert Donation.objects.get().kind == Donation.Kind.RECURRING_RENEWAL


def test_donor_details_are_fitted_rather_than_losing_the_money():
    receipt = deliver(
        event(donor_name="A" * 150, message="m" * 1200, email="not an address")
    )
    assert receipt.outcome == Outcome.RECORDED
    assert "The e-mail address is not valid and was left out." in receipt.detail
    assert "cut to 100 characters" in receipt.detail
    donation = Donation.objects.get()
    assert (len(donation.donor_name), len(donation.message), donation.email) == (
        100,
        1000,
        "",
    )


def test_a_donation_by_a_readers_address_marks_them_a_supporter(reader_user):
    reader_user.confirmed_email = "reader@example.org"
    reader_user.save(update_fields=["confirmed_email"])
    deliver(event(email="Reader@Example.org", created=1741000000))
    reader_user.refresh_from_db()
    assert Donation.objects.get().reader == reader_user
    assert reader_user.supported_at.timestamp() == 1741000000


def test_a_failed_event_can_be_delivered_again():
    """A refused try never blocks the event's id: the provider's retry counts."""
    refusal(event(currency="euro"))
    assert deliver(event()).outcome == Outcome.RECORDED


def _at_once(work, count: int) -> tuple[list, list[Exception]]:
    """Run work() in `count` threads released together by a barrier; return
    what they returned and what they raised."""
    barrier = threading.Barrier(count)
    results: list = []
    failures: list[Exception] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(work())
        except Exception as error:  # collected and asserted by the caller
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, failures


def _slowed(monkeypatch, name: str) -> None:
    """Hold the first delivery inside its transaction for a moment, so the
    others certainly arrive while it is uncommitted."""
    real = getattr(actions, name)

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, name, slow)


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_refunds_refund_once(monkeypatch):
    deliver(event())
    _slowed(monkeypatch, "refund_donation")
    body = refund_event(amount="5.00")
    results, failures = _at_once(lambda: deliver(body), 6)
    assert not failures
    assert sorted(receipt.outcome for receipt in results) == [
        Outcome.DUPLICATE,
        Outcome.DUPLICATE,
        Outcome.DUPLICATE,
        Outcome.DUPLICATE,
        Outcome.DUPLICATE,
        Outcome.REFUNDED,
    ]
    assert Donation.objects.get().refunded == Decimal("5.00")

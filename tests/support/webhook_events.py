"""Events as a payment provider sends them, signed, for the webhook's tests."""

import json
import time

import pytest

from parley.core.errors import ParleyError
from parley.support import webhooks
from parley.support.models import WebhookDelivery
from parley.support.signatures import sign

SECRET = "whsec_current"
OLD_SECRET = "whsec_previous"
Outcome = WebhookDelivery.Outcome


def event(event_id="evt_1", type_="donation.succeeded", **payment) -> bytes:
    """A donation event's body (as a provider sends it: raw JSON bytes)."""
    payment = {"id": "pay_1", "amount": "25.00", "currency": "EUR", **payment}
    return json.dumps(
        {"id": event_id, "type": type_, "data": {"object": payment}}
    ).encode()


def refund_event(event_id="evt_r1", **refund) -> bytes:
    return json.dumps(
        {
            "id": event_id,
            "type": "donation.refunded",
            "data": {"object": {"id": "re_1", "donation": "pay_1", **refund}},
        }
    ).encode()


def deliver(body: bytes, *, secret=SECRET, at=None, now=None, header=None):
    """Deliver a body signed with `secret` at time `at`; return the receipt."""
    stamp = int(time.time()) if at is None else at
    signature = sign(body, secret, stamp) if header is None else header
    return webhooks.receive(body, signature, remote_addr="192.0.2.7", now=now)


def refusal(body: bytes, **kwargs) -> ParleyError:
    with pytest.raises(ParleyError) as caught:
        deliver(body, **kwargs)
    return caught.value

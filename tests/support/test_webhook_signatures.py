"""The webhook's signatures: Stripe's scheme, a tolerance either way, two
secrets in a rotation, none configured refusing all, and what is refused is
logged with its reason and records nothing."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from parley.core.errors import ParleyError
from parley.support import webhooks
from parley.support.models import Donation, WebhookDelivery
from parley.support.signatures import parse_signature, sign
from tests.support.webhook_events import (
    OLD_SECRET,
    SECRET,
    Outcome,
    deliver,
    event,
    refusal,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _secret(settings):
    """Secrets and tolerance as a newsroom sets them (read when used)."""
    settings.PARLEY_SUPPORT_WEBHOOK_SECRETS = [SECRET]
    settings.PARLEY_SUPPORT_WEBHOOK_TOLERANCE = 300


def test_a_wrong_signature_is_refused_and_records_nothing():
    error = refusal(event(), secret="whsec_guess")
    assert (error.status, error.errors) == (
        400,
        {"signature": "The signature does not match the body with any secret."},
    )
    assert not Donation.objects.exists()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.outcome, delivery.status_code) == (Outcome.REFUSED, 400)
    assert delivery.reason == error.message
    # What it claimed to be, for the admin to match with the provider's log.
    assert (delivery.event_id, delivery.event_type) == ("evt_1", "donation.succeeded")


def test_a_captured_signature_does_not_sign_another_body():
    header = sign(event(), SECRET)
    error = refusal(event(amount="2500.00"), header=header)
    assert error.status == 400
    assert not Donation.objects.exists()


@pytest.mark.parametrize(
    ("offset", "sentence"),
    [(-301, "seconds old; at most 300"), (301, "seconds ahead of this server")],
)
def test_a_stale_or_future_signature_is_refused(offset, sentence):
    error = refusal(event(), at=int(time.time()) + offset)
    assert error.status == 400
    assert sentence in error.errors["signature"]
    assert not Donation.objects.exists()
    assert WebhookDelivery.objects.get().outcome == Outcome.REFUSED


@pytest.mark.parametrize("offset", [-300, 300])
def test_a_signature_at_the_tolerance_either_way_passes(offset):
    now = time.time()
    receipt = deliver(event(), at=int(now) + offset, now=int(now))
    assert receipt.outcome == Outcome.RECORDED


def test_a_replay_after_the_tolerance_is_refused():
    """A captured call sent again later: its time gives it away."""
    body, stamp = event(), int(time.time())
    header = sign(body, SECRET, stamp)
    webhooks.receive(body, header, now=stamp)
    with pytest.raises(ParleyError) as caught:
        webhooks.receive(body, header, now=stamp + 301)
    assert caught.value.status == 400
    assert Donation.objects.count() == 1
    assert list(WebhookDelivery.objects.order_by("pk").values_list("outcome")) == [
        (Outcome.RECORDED,),
        (Outcome.REFUSED,),
    ]


def test_a_tolerance_setting_is_read_when_used(settings):
    settings.PARLEY_SUPPORT_WEBHOOK_TOLERANCE = 1000
    assert deliver(event(), at=int(time.time()) - 900).outcome == Outcome.RECORDED


def test_during_a_rotation_both_secrets_are_accepted(settings):
    settings.PARLEY_SUPPORT_WEBHOOK_SECRETS = [SECRET, OLD_SECRET]
    assert deliver(event("evt_1"), secret=OLD_SECRET).outcome == Outcome.RECORDED
    body = event("evt_2", id="pay_2")
    assert deliver(body, secret=SECRET).outcome == Outcome.RECORDED
    assert Donation.objects.count() == 2


def test_after_a_rotation_the_old_secret_is_refused():
    assert refusal(event(), secret=OLD_SECRET).status == 400


def test_a_header_with_several_signatures_passes_if_one_matches():
    """A provider signs with old and new secrets during its own rotation."""
    body, stamp = event(), int(time.time())
    good = sign(body, SECRET, stamp).split(",")[1]
    other = sign(body, OLD_SECRET, stamp).split(",")[1]
    header = f"t={stamp},{other},v0=ignored,{good}"
    assert deliver(body, header=header).outcome == Outcome.RECORDED


def test_with_no_secret_configured_every_call_is_refused(settings):
    settings.PARLEY_SUPPORT_WEBHOOK_SECRETS = []
    error = refusal(event(), secret="")
    assert error.status == 403
    assert "no signing secret is set" in error.errors["signature"]
    assert not Donation.objects.exists()
    assert WebhookDelivery.objects.get().status_code == 403


@pytest.mark.parametrize(
    "header",
    [
        "",
        "v1=abc",
        "t=1741000000",
        "t=soon,v1=abc",
        "t=-5,v1=abc",
        "t=1,t=2,v1=abc",
        "t=١٢٣,v1=abc",  # digits, but not ASCII ones
        "t=1741000000," + ",".join(["v1=ab"] * 9),
        "t=1741000000,v1=" + "a" * 3000,
    ],
)
def test_malformed_signature_headers_are_refused(header):
    error = refusal(event(), header=header)
    assert (error.status, list(error.errors)) == (400, ["signature"])
    assert not Donation.objects.exists()


def test_a_signature_header_is_read_as_stripe_writes_it():
    assert parse_signature("t=1741000000, v1=ab ,v0=cd,v1=ef") == (
        1741000000,
        [b"ab", b"ef"],
    )


def test_the_sign_command_signs_a_file_as_the_webhook_checks(tmp_path):
    path = tmp_path / "event.json"
    path.write_bytes(event())
    out = StringIO()
    call_command("support_webhook_sign", str(path), stdout=out)
    header = out.getvalue().strip()
    assert deliver(path.read_bytes(), header=header).outcome == Outcome.RECORDED


def test_the_sign_command_refuses_without_a_secret(settings, tmp_path):
    settings.PARLEY_SUPPORT_WEBHOOK_SECRETS = []
    with pytest.raises(CommandError, match="is not set"):
        call_command("support_webhook_sign", str(tmp_path / "event.json"))

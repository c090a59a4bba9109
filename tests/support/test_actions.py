"""The ledger's one write path refuses alike for every caller (webhook, admin,
CSV import, commands): currencies in use, dates from 2000 to a day ahead."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from parley.core.errors import ParleyError
from parley.support.actions import record_donation
from parley.support.models import Donation

pytestmark = pytest.mark.django_db


def _record(**fields) -> Donation:
    values = {
        "amount": "10.00",
        "currency": "EUR",
        "kind": Donation.Kind.ONE_OFF,
        "reference": "pay_1",
        "received_at": datetime(2025, 3, 4, tzinfo=UTC),
        "source": "test",
    }
    return record_donation(**{**values, **fields})


@pytest.mark.parametrize("code", ["XYZ", "DEM", "XXX", "xau"])
def test_money_in_a_currency_not_in_use_is_refused(code):
    with pytest.raises(ParleyError) as caught:
        _record(currency=code)
    assert caught.value.errors == {
        "currency": f"“{code.upper()}” is not a currency code in use "
        "(ISO 4217: EUR, USD, …)."
    }
    assert not Donation.objects.exists()


@pytest.mark.parametrize(
    ("received_at", "sentence"),
    [
        (datetime(1, 1, 1, tzinfo=UTC), "can't be before 1 January 2000."),
        (datetime(1999, 12, 31, 23, 59, tzinfo=UTC), "can't be before 1 January 2000."),
        (timezone.now() + timedelta(days=2), "can't be more than a day from now."),
    ],
)
def test_money_dated_outside_the_ledgers_range_is_refused(received_at, sentence):
    with pytest.raises(ParleyError) as caught:
        _record(received_at=received_at)
    assert caught.value.errors == {"received_at": f"The date received {sentence}"}
    assert not Donation.objects.exists()


@pytest.mark.parametrize(
    "received_at",
    [datetime(2000, 1, 1, tzinfo=UTC), timezone.now() + timedelta(hours=23)],
)
def test_money_dated_at_the_ranges_edges_is_recorded(received_at):
    assert _record(received_at=received_at).received_at == received_at

"""The goal bar reaches the newsroom's shared pages through core.panels, and a
ledger write changes the page readers get."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from parley.support.actions import record_donation
from parley.support.models import Campaign, Donation
from parley.support.queries import raised

pytestmark = pytest.mark.django_db


def _campaign(**fields) -> Campaign:
    now = timezone.now()
    values = {
        "title": "March appeal",
        "slug": "march",
        "goal": Decimal("5000"),
        "currency": "USD",
        "counts_from": now - timedelta(days=1),
        "counts_until": now + timedelta(days=29),
        "shows_from": now - timedelta(days=1),
        "shows_until": now + timedelta(days=29),
        "period_name": "March 2025",
    }
    return Campaign.objects.create(**{**values, **fields})


def _give(amount, reference, **fields) -> Donation:
    return record_donation(
        amount=amount,
        currency="USD",
        kind=Donation.Kind.ONE_OFF,
        reference=reference,
        received_at=timezone.now(),
        source="test",
        **fields,
    )


def test_ten_thousand_dimes_raise_exactly_one_thousand():
    """Sums are exact decimals, on SQLite too (no binary fractions)."""
    campaign = _campaign()
    Donation.objects.bulk_create(
        Donation(
            amount=Decimal("0.10"),
            currency="USD",
            kind=Donation.Kind.ONE_OFF,
            reference=f"dime-{i}",
            received_at=timezone.now(),
            source="test",
        )
        for i in range(10_000)
    )
    assert raised(campaign) == Decimal("1000.00")


def test_the_home_page_shows_the_bar_and_follows_the_ledger(client):
    """The bar is in the shared page, and a donation makes a new one."""
    _campaign()
    page = client.get("/").content.decode()
    assert "MARCH 2025" in page
    assert "Support Parley" in page or "Support " in page
    assert "$0" in page and "$2,500" in page and "$5,000" in page
    _give("550", "ch_1")
    assert "$550" in client.get("/").content.decode()


def test_no_campaign_shows_no_bar(client):
    assert "goal-bar" not in client.get("/").content.decode()

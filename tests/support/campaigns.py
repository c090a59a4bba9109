"""Builders for the goal bar's tests: a campaign running now, and gifts to it."""

import itertools
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from parley.support.actions import record_donation, save_campaign
from parley.support.models import Campaign, Donation

GOAL = Decimal("5000.00")
_references = itertools.count(1)


def running_campaign(**fields) -> Campaign:
    """A $5,000 campaign whose money counts, and whose bar shows, now."""
    now = timezone.now()
    values = {
        "title": "Spring appeal",
        "slug": "spring",
        "text": "Keep the newsroom independent.",
        "goal": GOAL,
        "currency": "USD",
        "counts_from": now - timedelta(days=3),
        "counts_until": now + timedelta(days=27),
        "shows_from": now - timedelta(days=3),
        "shows_until": now + timedelta(days=27),
        "period_name": "March 2025",
    }
    return save_campaign(Campaign(**{**values, **fields}))


def give(
    amount,
    *,
    currency: str = "USD",
    kind: str = Donation.Kind.ONE_OFF,
    received_at: datetime | None = None,
    reference: str = "",
    **fields,
) -> Donation:
    return record_donation(
        amount=amount,
        currency=currency,
        kind=kind,
        reference=reference or f"gift-{next(_references)}",
        received_at=received_at or timezone.now() - timedelta(minutes=5),
        source="test",
        **fields,
    )

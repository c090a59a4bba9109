"""
A demo campaign for `make run`: this month's appeal, with donations spread over
the month so far (named and anonymous, one-off, recurring and offline, one
refunded), all recorded through the ledger's own actions.
"""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from . import actions
from .models import Campaign, Donation

Kind = Donation.Kind

# (donor name, named publicly, message, amount, kind)
DONATIONS = [
    (
        "Ines Alvarez",
        True,
        "For the harbour reporting. Keep going.",
        "50.00",
        Kind.ONE_OFF,
    ),
    ("", False, "", "25.00", Kind.RECURRING_FIRST),
    ("Tomasz W.", True, "", "10.00", Kind.RECURRING_RENEWAL),
    (
        "Quay Street Residents' Association",
        True,
        "From all of us on Quay Street.",
        "500.00",
        Kind.OFFLINE,
    ),
    ("Margit", True, "Local news matters.", "15.00", Kind.ONE_OFF),
    ("", False, "", "100.00", Kind.ONE_OFF),
    (
        "Local Journalism Fund",
        True,
        "Grant, first instalment.",
        "1000.00",
        Kind.OFFLINE,
    ),
    (
        "Sam O'Neill",
        True,
        "The council coverage saved our allotments.",
        "35.00",
        Kind.ONE_OFF,
    ),
    ("", False, "", "20.00", Kind.RECURRING_RENEWAL),
    ("Priya", True, "", "75.50", Kind.ONE_OFF),
]
REFUNDED = ("", False, "", "40.00", Kind.ONE_OFF)

TEXT = (
    "Our reporting is free for everyone to read and to discuss, and it is paid "
    "for by readers.\n\nThis month we are raising the money for a reporter's "
    "year on the harbour, the council and the courts. Every gift counts towards "
    "the bar, whether it comes online, by cheque or as a grant."
)


def _month_start(moment: datetime, months_on: int = 0) -> datetime:
    month = moment.month - 1 + months_on
    return moment.replace(
        year=moment.year + month // 12,
        month=month % 12 + 1,
        day=1,
        hour=0,
        minute=0,
        second=0,
        microsecond=0,
    )


@transaction.atomic
def load_support_demo(now: datetime | None = None) -> int:
    """Add this month's demo campaign and its donations once; return how many
    donations were recorded (0 if it is there already)."""
    now = timezone.localtime(now or timezone.now())
    start, end = _month_start(now), _month_start(now, 1)
    slug = f"reader-appeal-{start:%Y-%m}"
    if Campaign.objects.filter(slug=slug).exists():
        return 0
    actions.save_campaign(
        Campaign(
            title="Keep local reporting free to read",
            slug=slug,
            text=TEXT,
            goal=Decimal("5000.00"),
            currency="USD",
            counts_from=start,
            counts_until=end,
            shows_from=start,
            shows_until=end,
        )
    )
    entries = [*DONATIONS, REFUNDED]
    # Spread over the month so far, oldest first.
    step = (now - start) / (len(entries) + 1)
    for index, (name, public, message, amount, kind) in enumerate(entries, 1):
        actions.record_donation(
            amount=amount,
            currency="USD",
            kind=kind,
            reference=f"demo-{start:%Y-%m}-{index}",
            received_at=start + step * index,
            source="demo",
            donor_name=name,
            is_public=public,
            message=message,
            now=now,
        )
    actions.refund_donation(f"demo-{start:%Y-%m}-{len(entries)}", at=now)
    return len(entries)

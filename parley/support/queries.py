"""Reads of campaigns and the ledger."""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal

from django.db.models import F, Q
from django.utils import timezone

from parley.core import versions

from . import conf
from .actions import LEDGER
from .models import Campaign, Donation
from .money import money, percentage, period


def current_campaign(now: datetime | None = None) -> Campaign | None:
    """Return the campaign whose bar shows now (the latest to start, if two do)."""
    now = now or timezone.now()
    return Campaign.objects.filter(shows_from__lte=now, shows_until__gt=now).first()


def ledger_version():
    """Return the ledger's version now (None before its first write): what an
    answer showing campaigns or the ledger is cached under."""
    return versions.probe(names=[LEDGER]).read()[0]


def next_change(now: datetime | None = None) -> datetime | None:
    """Return when the campaign shown next changes by the clock alone (one
    starts or ends showing), or None if nothing is scheduled."""
    now = now or timezone.now()
    starts = (
        Campaign.objects.filter(shows_from__gt=now)
        .order_by("shows_from")
        .values_list("shows_from", flat=True)
        .first()
    )
    ends = (
        Campaign.objects.filter(shows_until__gt=now)
        .order_by("shows_until")
        .values_list("shows_until", flat=True)
        .first()
    )
    moments = [moment for moment in (starts, ends) if moment is not None]
    return min(moments) if moments else None


def counted_donations(campaign: Campaign):
    """The ledger entries that count towards a campaign: its currency, received
    in its window, and (as the setting says) renewals of recurring gifts."""
    donations = Donation.objects.filter(
        currency=campaign.currency,
        received_at__gte=campaign.counts_from,
        received_at__lt=campaign.counts_until,
    )
    if not conf.count_renewals():
        donations = donations.exclude(kind=Donation.Kind.RECURRING_RENEWAL)
    return donations


def why_uncounted(donation: Donation, now: datetime | None = None) -> str:
    """Return why a ledger entry counts towards no campaign whose bar shows now
    ("the campaign is in USD"), or "" if it counts towards one or none shows."""
    now = now or timezone.now()
    showing = list(Campaign.objects.filter(shows_from__lte=now, shows_until__gt=now))
    if not showing or any(
        counted_donations(campaign).filter(pk=donation.pk).exists()
        for campaign in showing
    ):
        return ""
    campaign = showing[0]
    if donation.currency != campaign.currency:
        return f"the campaign is in {campaign.currency}"
    if donation.kind == Donation.Kind.RECURRING_RENEWAL and not conf.count_renewals():
        return "renewals are not counted"
    return "it was received outside the campaign's counting window"


def raised(campaign: Campaign) -> Decimal:
    """Return what a campaign has raised: the sum of its counted entries, less
    refunds, as an exact decimal."""
    # Summed here, not by the database: SQLite keeps decimals as binary
    # fractions, and its SUM would be off by a cent now and then.
    rows = counted_donations(campaign).values_list("amount", "refunded")
    return sum((amount - refunded for amount, refunded in rows), Decimal("0.00"))


def recent_public_donations(limit: int = 10):
    """The latest donations whose donors asked to be named, not refunded."""
    return Donation.objects.filter(is_public=True).exclude(
        Q(refunded__gt=0) & Q(refunded=F("amount"))
    )[:limit]


@dataclass(frozen=True)
class GoalBar:
    """What a campaign's bar shows, written out for the site's locale."""

    campaign: Campaign
    raised: Decimal
    percent: int  # of the goal, rounded down; may pass 100
    filled: int  # the bar's fill, 0..100
    scale: tuple[str, str, str]  # 0, half the goal, the goal
    raised_text: str  # in whole units ("$1,830" of $1,830.50)
    period_name: str  # "MARCH 2025"
    percent_text: str  # "11%", "130 %" (de_DE)

    @property
    def reached(self) -> bool:
        return self.raised >= self.campaign.goal

    @property
    def goal_text(self) -> str:
        return self.scale[2]

    @property
    def raised_exact_text(self) -> str:
        """To the cent, for the newsroom's own eyes ("$1,830.50")."""
        return money(self.raised, self.campaign.currency)


def goal_bar(campaign: Campaign) -> GoalBar:
    """Return the bar of a campaign as it stands now (one query: its sum)."""
    total = raised(campaign)
    percent = int(total * 100 / campaign.goal)
    zero = Decimal(0)
    return GoalBar(
        campaign=campaign,
        raised=total,
        percent=percent,
        filled=max(0, min(100, percent)),
        scale=tuple(
            money(amount, campaign.currency, whole=True)
            for amount in (zero, campaign.goal / 2, campaign.goal)
        ),
        # In whole units, rounded down: a bar never shows more than was given.
        raised_text=money(
            total.to_integral_value(ROUND_FLOOR), campaign.currency, whole=True
        ),
        period_name=(
            campaign.period_name or period(timezone.localtime(campaign.counts_from))
        ).upper(),
        percent_text=percentage(percent),
    )


@dataclass(frozen=True)
class LedgerTotal:
    """One currency's entries in a part of the ledger, summed."""

    currency: str
    entries: int
    amount: Decimal
    refunded: Decimal

    @property
    def net(self) -> Decimal:
        return self.amount - self.refunded


def ledger_totals(donations) -> list[LedgerTotal]:
    """Return, per currency, how many of these entries there are and what they
    add up to, less refunds, as exact decimals (summed as `raised` sums)."""
    sums: dict[str, tuple[int, Decimal, Decimal]] = {}
    rows = donations.order_by().values_list("currency", "amount", "refunded")
    for currency, amount, refunded in rows.iterator(chunk_size=5000):
        entries, total, back = sums.get(currency, (0, Decimal("0.00"), Decimal("0.00")))
        sums[currency] = (entries + 1, total + amount, back + refunded)
    return [LedgerTotal(code, *sums[code]) for code in sorted(sums)]

"""`make run`'s demo campaign: this month's appeal with donations, once."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from parley.support.demo import load_support_demo
from parley.support.models import Campaign, Donation
from parley.support.queries import current_campaign, goal_bar

pytestmark = pytest.mark.django_db


def test_the_demo_runs_a_campaign_for_this_month(client):
    assert load_support_demo() == 11
    campaign = current_campaign()
    bar = goal_bar(campaign)
    assert bar.raised == Decimal("1830.50")  # one gift of 40.00 refunded
    assert (bar.raised_text, bar.percent_text) == ("$1,830", "36%")
    assert Donation.objects.filter(kind=Donation.Kind.OFFLINE).count() == 2
    assert "$1,830" in client.get("/").content.decode()


def test_the_demo_loads_once_a_month(capsys):
    call_command("load_support_demo")
    call_command("load_support_demo")
    assert "already there" in capsys.readouterr().out
    assert Campaign.objects.count() == 1
    assert load_support_demo(now=datetime(2030, 12, 31, 23, 0, tzinfo=UTC)) == 11
    new = Campaign.objects.get(slug="reader-appeal-2030-12")
    assert (new.counts_from, new.counts_until) == (
        datetime(2030, 12, 1, tzinfo=UTC),
        datetime(2031, 1, 1, tzinfo=UTC),
    )

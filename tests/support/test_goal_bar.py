"""The goal bar above articles and the home page: its scale, amount, period and
button, right at any share of the goal, in other currencies and locales, and
following the ledger and the clock."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone

from parley.core import panels
from parley.support import panels as support_panels
from parley.support.actions import refund_donation, save_campaign
from parley.support.models import Donation
from parley.support.queries import goal_bar
from tests.core.test_fastpath import Answer
from tests.core.test_fastpath import app as app  # the fast path's WSGI app
from tests.factories import make_article
from tests.support.campaigns import give, running_campaign

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def _bar(client, path="/") -> str:
    """The goal bar's HTML on a page ('' when there is none)."""
    page = client.get(path).content.decode()
    start = page.find('<aside class="goal-bar')
    return "" if start < 0 else page[start : page.index("</aside>", start)]


def test_the_bar_shows_its_scale_amount_period_and_button(client):
    """0, half the goal and the goal; what is raised; the period; the button."""
    running_campaign()
    give("550")
    bar = _bar(client)
    assert "<li>$0</li><li>$2,500</li><li>$5,000</li>" in bar
    assert '<strong class="goal-bar__raised">$550</strong>' in bar
    assert "11% of $5,000" in bar
    assert "MARCH 2025" in bar
    assert f">Support {settings.SITE_NAME}</a>" in bar
    assert 'href="/support/"' in bar
    assert 'value="550.00" aria-label="$550 raised of $5,000"' in bar


def test_an_empty_bar_reads_zero(client):
    running_campaign()
    bar = _bar(client)
    assert '<strong class="goal-bar__raised">$0</strong>' in bar
    assert "0% of $5,000" in bar
    assert 'value="0.00"' in bar


def test_the_goal_met_reads_reached(client):
    running_campaign()
    give("4999.99")
    give("0.01")
    bar = _bar(client)
    assert "goal-bar--reached" in bar
    assert "Goal reached: 100%" in bar
    assert '<strong class="goal-bar__raised">$5,000</strong>' in bar


def test_a_goal_passed_keeps_the_bar_full_and_says_by_how_much(client):
    running_campaign()
    give("6500")
    bar = _bar(client)
    assert "Goal reached: 130%" in bar
    assert '<strong class="goal-bar__raised">$6,500</strong>' in bar
    # The meter's value passes its max: browsers draw it full.
    assert 'max="5000.00"' in bar and 'value="6500.00"' in bar
    campaign_bar = goal_bar(running_campaign(slug="other"))
    assert (campaign_bar.percent, campaign_bar.filled) == (130, 100)


def test_the_bar_writes_whole_units_rounded_down():
    """$550.99 reads $550: a bar never shows more than was given."""
    campaign = running_campaign()
    give("549.50")
    give("1.49")
    bar = goal_bar(campaign)
    assert bar.raised == Decimal("550.99")
    assert (bar.raised_text, bar.percent_text) == ("$550", "11%")
    give("0.01")
    assert goal_bar(campaign).raised_text == "$551"


def test_an_odd_goal_keeps_the_cents_of_its_half():
    bar = goal_bar(running_campaign(goal=Decimal("2999")))
    assert bar.scale == ("$0", "$1,499.50", "$2,999")


def test_the_period_is_the_counting_month_when_unnamed():
    bar = goal_bar(
        running_campaign(period_name="", counts_from=datetime(2025, 3, 1, tzinfo=UTC))
    )
    assert bar.period_name == "MARCH 2025"


def test_the_bar_in_a_german_locale_and_euros(client, settings):
    """Babel writes the amounts, the percentage and the month as de_DE does."""
    settings.PARLEY_SUPPORT_LOCALE = "de_DE"
    running_campaign(
        currency="EUR", period_name="", counts_from=datetime(2025, 3, 1, tzinfo=UTC)
    )
    give("550", currency="EUR")
    bar = _bar(client)
    assert f"<li>0{NBSP}€</li><li>2.500{NBSP}€</li><li>5.000{NBSP}€</li>" in bar
    assert f'<strong class="goal-bar__raised">550{NBSP}€</strong>' in bar
    assert f"11{NBSP}% of 5.000{NBSP}€" in bar
    assert "MÄRZ 2025" in bar
    # Attributes stay machine-readable whatever the locale.
    assert 'max="5000.00"' in bar and 'value="550.00"' in bar


def test_a_currency_without_cents(client):
    running_campaign(currency="JPY", goal=Decimal("600000"))
    give("66000", currency="JPY")
    bar = _bar(client)
    assert "<li>¥0</li><li>¥300,000</li><li>¥600,000</li>" in bar
    assert "11% of ¥600,000" in bar


def test_only_the_campaigns_money_counts(settings):
    """Its currency, its counting window, and renewals as the setting says."""
    campaign = running_campaign(counts_until=timezone.now() + timedelta(hours=1))
    give("100")
    give("1000", currency="EUR")
    give("1000", received_at=campaign.counts_from - timedelta(seconds=1))
    give("1000", received_at=campaign.counts_until)
    give("10", kind=Donation.Kind.RECURRING_FIRST)
    give("10", kind=Donation.Kind.RECURRING_RENEWAL)
    give("40", kind=Donation.Kind.OFFLINE)
    assert goal_bar(campaign).raised == Decimal("160.00")
    settings.PARLEY_SUPPORT_COUNT_RENEWALS = False
    assert goal_bar(campaign).raised == Decimal("150.00")


def test_a_refund_lowers_the_bar(client):
    running_campaign()
    give("600", reference="ch_600")
    give("100")
    refund_donation("ch_600", amount="50", at=timezone.now())
    assert '<strong class="goal-bar__raised">$650</strong>' in _bar(client)
    refund_donation("ch_600", at=timezone.now())
    assert '<strong class="goal-bar__raised">$100</strong>' in _bar(client)


def test_the_bar_is_above_every_article_too(client):
    running_campaign()
    article = make_article()
    bar = _bar(client, article.get_absolute_url())
    assert "goal-bar--article_top" in bar


def test_no_campaign_no_bar(client):
    """None yet, one not showing yet, one no longer showing: nothing is shown."""
    assert _bar(client) == ""
    now = timezone.now()
    running_campaign(
        slug="later",
        shows_from=now + timedelta(days=1),
        shows_until=now + timedelta(days=9),
    )
    running_campaign(
        slug="over",
        shows_from=now - timedelta(days=9),
        shows_until=now - timedelta(seconds=1),
    )
    page = client.get("/").content.decode()
    assert "goal-bar" not in page
    assert "support.css" not in page


def test_the_bar_is_drawn_again_when_its_campaign_starts_or_ends():
    """The shared page is kept only until the next campaign starts or this one
    stops showing."""
    request = RequestFactory().get("/")
    now = timezone.now()
    later = running_campaign(
        slug="later",
        shows_from=now + timedelta(days=2),
        shows_until=now + timedelta(days=9),
    )
    drawn = support_panels.goal_bar(request, panels.HOME_TOP)
    assert drawn.html == ""
    assert drawn.valid_until == later.shows_from.timestamp()
    current = running_campaign(shows_until=now + timedelta(days=1))
    drawn = support_panels.goal_bar(request, panels.HOME_TOP)
    assert "goal-bar" in drawn.html
    assert drawn.valid_until == current.shows_until.timestamp()


def test_the_latest_campaign_to_start_shows_when_two_overlap(client):
    now = timezone.now()
    running_campaign(slug="old", title="Old", shows_from=now - timedelta(days=5))
    running_campaign(slug="new", title="New", shows_from=now - timedelta(days=1))
    assert 'aria-label="New"' in _bar(client)


def test_an_edited_campaign_shows_at_once(client):
    campaign = running_campaign()
    assert "$5,000" in _bar(client)
    campaign.goal = Decimal("8000")
    campaign.give_url = "https://pay.example/give"
    save_campaign(campaign)
    bar = _bar(client)
    assert "<li>$0</li><li>$4,000</li><li>$8,000</li>" in bar
    assert 'href="https://pay.example/give"' in bar


def test_the_bar_has_no_inline_style_or_script(client):
    """The site's CSP allows neither: the fill is the meter's own value."""
    running_campaign()
    give("550")
    bar = _bar(client)
    assert "style=" not in bar and "<script" not in bar
    assert "<meter" in bar


def test_the_campaign_title_is_escaped(client):
    running_campaign(title='<img src=x onerror="alert(1)">')
    assert "<img src=x" not in _bar(client)


def test_drawing_the_bar_takes_four_queries(django_assert_num_queries):
    """What a shared page's rebuild pays: the next change (2), the campaign, its sum."""
    running_campaign()
    give("550")
    request = RequestFactory().get("/")
    with django_assert_num_queries(4):
        support_panels.goal_bar(request, panels.HOME_TOP)


def test_the_fast_path_never_serves_the_bar_from_before_a_donation(
    app, django_assert_num_queries
):
    """Pages the fast path answers without Django follow the ledger too."""
    running_campaign()
    give("550")
    assert b"$550" in Answer(app, "/").body
    with django_assert_num_queries(1):  # the fast path: its versions only
        assert b"$550" in Answer(app, "/").body
    give("4450")
    body = Answer(app, "/").body
    assert b"$5,000" in body and b"Goal reached: 100%" in body

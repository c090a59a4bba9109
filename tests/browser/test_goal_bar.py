"""
The goal bar in Chromium: its fill drawn at 0, 11, 100 and 130 % of the goal
(measured in the pixels), in a second locale, on a phone, gone when no campaign
runs, and following the ledger; the Support page. Screenshots are saved in
test-artifacts/browser/goal-bar-*.png and support-page*.png.
"""

import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, screenshot
from tests.factories import make_article
from tests.support.campaigns import GOAL, give, running_campaign

pytestmark = pytest.mark.django_db(transaction=True)

ACCENT = (0xB3, 0x26, 0x1E)  # site.css --accent: the bar's fill
PHONE = {"width": 390, "height": 844}

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
}, true);
"""


@pytest.fixture
def watched(page):
    """The page, recording Content-Security-Policy violations."""
    page.add_init_script(WATCH_VIOLATIONS)
    yield page
    assert page.evaluate("window.__violations") == []


def filled_share(meter) -> float:
    """The share of the meter's width drawn in the fill colour, along its middle."""
    image = Image.open(io.BytesIO(meter.screenshot())).convert("RGB")
    row = image.height // 2
    filled = sum(
        all(
            abs(a - b) < 40
            for a, b in zip(image.getpixel((x, row)), ACCENT, strict=True)
        )
        for x in range(image.width)
    )
    return filled / image.width


def save_bar(bar, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    bar.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize(
    ("given", "raised", "status", "share"),
    [
        ("0", "$0", "0% of $5,000", 0),
        ("550", "$550", "11% of $5,000", 0.11),
        ("5000", "$5,000", "Goal reached: 100%", 1),
        ("6500", "$6,500", "Goal reached: 130%", 1),
    ],
    ids=["0", "11", "100", "130"],
)
def test_the_bar_is_drawn_to_its_share_of_the_goal(
    live_server, watched, given, raised, status, share
):
    running_campaign()
    if Decimal(given):
        give(given)
    article = make_article(headline="Night trains return")
    watched.goto(f"{live_server.url}{article.get_absolute_url()}")
    bar = watched.locator("aside.goal-bar")
    expect(bar.locator(".goal-bar__period")).to_have_text("MARCH 2025")
    expect(bar.locator(".goal-bar__raised")).to_have_text(raised)
    expect(bar.locator(".goal-bar__percent")).to_have_text(status)
    expect(bar.locator(".goal-bar__scale li")).to_have_text(["$0", "$2,500", "$5,000"])
    expect(
        bar.get_by_role("link", name=f"Support {settings.SITE_NAME}")
    ).to_have_attribute("href", "/support/")
    meter = bar.get_by_role("meter")
    expect(meter).to_have_accessible_name(f"{raised} raised of $5,000")
    assert filled_share(meter) == pytest.approx(share, abs=0.02)
    # One row on a desktop: amount, meter and button side by side.
    boxes = [
        bar.locator(part).bounding_box()
        for part in (".goal-bar__status", ".goal-bar__meter", ".goal-bar__action")
    ]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    percent = int(Decimal(given) * 100 / GOAL)
    save_bar(bar, f"goal-bar-{percent}")
    screenshot(watched, f"goal-bar-{percent}-article")


def test_the_bar_in_german_and_euros(live_server, watched, settings):
    settings.PARLEY_SUPPORT_LOCALE = "de_DE"
    running_campaign(
        currency="EUR", period_name="", counts_from=datetime(2025, 3, 1, tzinfo=UTC)
    )
    give("550", currency="EUR")
    watched.goto(live_server.url)
    bar = watched.locator("aside.goal-bar")
    expect(bar.locator(".goal-bar__period")).to_have_text("MÄRZ 2025")
    expect(bar.locator(".goal-bar__raised")).to_have_text("550\xa0€")
    expect(bar.locator(".goal-bar__percent")).to_have_text("11\xa0% of 5.000\xa0€")
    expect(bar.locator(".goal-bar__scale li")).to_have_text(
        ["0\xa0€", "2.500\xa0€", "5.000\xa0€"]
    )
    assert filled_share(bar.get_by_role("meter")) == pytest.approx(0.11, abs=0.02)
    save_bar(bar, "goal-bar-de-DE")
    screenshot(watched, "goal-bar-de-DE-home")


def test_on_a_phone_the_bar_stacks_edge_to_edge(live_server, watched):
    running_campaign()
    give("550")
    watched.set_viewport_size(PHONE)
    watched.goto(live_server.url)
    bar = watched.locator("aside.goal-bar")
    box = bar.bounding_box()
    assert (box["x"], box["width"]) == (0, PHONE["width"])
    status, meter, button = (
        bar.locator(part).bounding_box()
        for part in (".goal-bar__status", ".goal-bar__meter", ".goal-bar__button")
    )
    assert status["y"] < meter["y"] < button["y"]
    assert button["width"] > PHONE["width"] - 50  # as wide as the screen
    assert watched.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    assert filled_share(bar.get_by_role("meter")) == pytest.approx(0.11, abs=0.02)
    save_bar(bar, "goal-bar-phone")
    watched.screenshot(path=str(ARTIFACTS / "goal-bar-phone-home.png"))


def test_no_campaign_shows_nothing(live_server, watched):
    watched.goto(live_server.url)
    expect(watched.locator(".section-title")).to_have_text("Latest stories")
    expect(watched.locator(".goal-bar")).to_have_count(0)


def test_the_bar_follows_the_ledger(live_server, watched):
    """A donation recorded (as the webhook or the admin would) shows on the
    shared page's next load."""
    running_campaign()
    give("550")
    watched.goto(live_server.url)
    raised = watched.locator(".goal-bar__raised")
    expect(raised).to_have_text("$550")
    give("4950")
    watched.reload()
    expect(raised).to_have_text("$5,500")
    expect(watched.locator(".goal-bar__percent")).to_have_text("Goal reached: 110%")
    assert filled_share(watched.get_by_role("meter")) == pytest.approx(1, abs=0.02)


def test_the_support_page(live_server, watched):
    running_campaign(title="Keep local reporting free to read")
    give("1830.50")
    give("50", donor_name="Ines Alvarez", is_public=True, message="Keep going.")
    give("25", donor_name="Not Shown", message="Private.")
    watched.goto(live_server.url)
    watched.get_by_role("link", name=f"Support {settings.SITE_NAME}").click()
    expect(watched).to_have_title(f"Support {settings.SITE_NAME}")
    expect(watched.locator(".goal-bar__raised")).to_have_text("$1,905")
    supporters = watched.locator(".supporters__list li")
    expect(supporters).to_have_count(1)
    expect(supporters).to_contain_text("Ines Alvarez")
    expect(supporters).to_contain_text("Keep going.")
    screenshot(watched, "support-page")
    watched.get_by_role("link", name=f"Support {settings.SITE_NAME}").click()
    expect(watched).to_have_url(f"{live_server.url}/support/#ways-to-give")
    watched.set_viewport_size(PHONE)
    assert watched.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    screenshot(watched, "support-page-phone")

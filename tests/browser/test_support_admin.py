"""The ledger's admin in Chromium: an editor imports a CSV file (checked, then
confirmed) and reads the ledger's totals, under the site's CSP."""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from playwright.sync_api import expect

from parley.support.models import Campaign, Donation
from tests.browser.conftest import screenshot

DIGITS_ONLY = "An amount must be written with digits and a dot, such as 1250.50."
pytestmark = pytest.mark.django_db(transaction=True)

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
}, true);
"""

FILE = (
    "reference,received_at,amount,currency,kind,donor_name,public,message\n"
    "ch_1,2025-03-04T10:00:00Z,550.10,USD,one_off,Ana,yes,Keep going\n"
    'ch_2,2025-03-05,"1,000",USD,one_off,,,\n'
    "ch_3,2025-03-06,0.20,USD,recurring_first,,no,\n"
    "chq-9,2025-03-07,100,USD,cheque,,,\n"
)


def test_an_editor_imports_a_csv_file_after_reading_its_check(
    live_server, page, django_user_model, tmp_path
):
    march = datetime(2025, 3, 1, tzinfo=UTC)
    campaign = Campaign.objects.create(
        title="March appeal",
        slug="march",
        goal=Decimal("5000"),
        currency="USD",
        counts_from=march,
        counts_until=march + timedelta(days=31),
        shows_from=march,
        shows_until=march + timedelta(days=31),
    )
    client = Client()
    client.force_login(
        django_user_model.objects.create_superuser("ed", "e@x.org", "pw")
    )
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page.add_init_script(WATCH_VIOLATIONS)
    path = tmp_path / "march.csv"
    path.write_text(FILE)

    page.goto(f"{live_server.url}/admin/support/donation/")
    page.get_by_role("link", name="Import CSV").click()
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Check the file").click()

    refused = page.locator("#import-refused")
    expect(refused).to_contain_text("amount: “1,000”: " + DIGITS_ONLY)
    expect(refused).to_contain_text("kind: “cheque” is not one of one_off")
    expect(page.locator(".import-summary")).to_contain_text("2 rows can be imported")
    screenshot(page, "support-admin-import-check")
    assert not Donation.objects.exists()

    page.get_by_role("button", name="Import 2 rows").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "2 entries imported from march.csv; 2 rows refused."
    )
    page.goto(f"{live_server.url}/admin/support/donation/?campaign={campaign.pk}")
    totals = page.locator(".ledger-totals")
    expect(totals).to_contain_text("$550.30 of $5,000, 11 % of the goal")
    expect(page.locator("#result_list")).to_contain_text("ch_3")
    screenshot(page, "support-admin-ledger")
    assert page.evaluate("window.__violations") == []
    assert sorted(Donation.objects.values_list("reference", flat=True)) == [
        "ch_1",
        "ch_3",
    ]


LONG_NAME = "The Harbour and Quay Street Residents' Association for Local News"
LONG_EVENT = "evt_1PzYqK8Hk2LmNoPqRsTuVwXyZ0123456789abcdefghij"


def _sign_in(page, live_server, django_user_model) -> None:
    client = Client()
    client.force_login(
        django_user_model.objects.create_superuser("ed", "e@x.org", "pw")
    )
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def _fits(page) -> bool:
    """Nothing on the page is wider than the window: no sideways scrolling."""
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        " && [...document.querySelectorAll('.results')].every("
        "(el) => el.scrollWidth <= el.clientWidth)"
    )


def test_the_ledger_and_the_webhook_log_fit_a_1280_pixel_window(
    live_server, browser, django_user_model
):
    from parley.support.actions import record_donation, refund_donation
    from parley.support.models import WebhookDelivery

    for index in range(3):
        donation = record_donation(
            amount="100137.50",
            currency="EUR",
            kind=Donation.Kind.RECURRING_RENEWAL,
            reference=f"{LONG_EVENT}-{index}",
            received_at=datetime(2025, 3, 4, 10, tzinfo=UTC),
            source="webhook",
            donor_name=LONG_NAME,
        )
        refund_donation(donation.reference, amount="99999.99", at=datetime.now(UTC))
        WebhookDelivery.objects.create(
            event_id=f"{LONG_EVENT}-{index}",
            event_type="donation.succeeded",
            outcome=WebhookDelivery.Outcome.REFUSED,
            status_code=400,
            reason="amount: An amount must be written with digits and a dot, "
            "such as 1250.50. " * 3,
            remote_addr="2001:db8:85a3::8a2e:370:7334",
            donation=donation,
        )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        _sign_in(page, live_server, django_user_model)
        for name, url in [
            ("donations", "/admin/support/donation/"),
            ("deliveries", "/admin/support/webhookdelivery/"),
        ]:
            page.goto(f"{live_server.url}{url}")
            expect(page.locator("#result_list")).to_be_visible()
            screenshot(page, f"support-admin-{name}-1280")
            assert _fits(page), f"The {name} list scrolls sideways at 1280 px."
        cell = page.locator("#result_list td.field-reason_text .cut").first
        expect(cell).to_have_attribute("title", re.compile("^amount: An amount"))
    finally:
        context.close()

"""GET /api/v1/support/campaign: the campaign running now as its bar shows it,
for apps; amounts as decimal strings, cached under the ledger's version."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.campaigns import give, running_campaign

pytestmark = pytest.mark.django_db

URL = "/api/v1/support/campaign"


def test_the_campaign_as_its_bar_shows_it(api_client):
    campaign = running_campaign()
    give("549.50")
    give("1.25", donor_name="Ines", is_public=True, message="Keep going.")
    response = api_client.get(URL)
    assert response.status_code == 200
    body = response.json()
    for name in ("counts_from", "counts_until", "shows_from", "shows_until"):
        sent = datetime.fromisoformat(body["campaign"].pop(name))
        # JSON times are written to the millisecond.
        assert abs(sent - getattr(campaign, name)) < timedelta(milliseconds=1)
    assert body["campaign"] == {
        "title": "Spring appeal",
        "slug": "spring",
        "text": "Keep the newsroom independent.",
        "period_name": "MARCH 2025",
        "currency": "USD",
        "goal": "5000.00",
        "raised": "550.75",
        "percent": 11,
        "reached": False,
        "goal_text": "$5,000",
        "raised_text": "$550",
        "percent_text": "11%",
        "scale": ["$0", "$2,500", "$5,000"],
        "give_url": "http://testserver/support/",
    }
    assert body["supporters"] == [
        {
            "name": "Ines",
            "message": "Keep going.",
            "received_at": body["supporters"][0]["received_at"],
        }
    ]
    assert body["support_url"] == "http://testserver/support/"


def test_no_campaign_is_null(api_client):
    body = api_client.get(URL).json()
    assert body == {
        "campaign": None,
        "supporters": [],
        "support_url": "http://testserver/support/",
    }


def test_a_passed_goal_and_a_payment_page(api_client):
    running_campaign(give_url="https://pay.example/give")
    give("6500")
    campaign = api_client.get(URL).json()["campaign"]
    assert (campaign["percent"], campaign["reached"]) == (130, True)
    assert campaign["percent_text"] == "130%"
    assert campaign["give_url"] == "https://pay.example/give"


def test_a_german_locale_writes_the_texts_as_germans_do(api_client, settings):
    settings.PARLEY_SUPPORT_LOCALE = "de_DE"
    running_campaign(
        currency="EUR", period_name="", counts_from=datetime(2025, 3, 1, tzinfo=UTC)
    )
    give("550", currency="EUR")
    campaign = api_client.get(URL).json()["campaign"]
    assert campaign["raised"] == "550.00"  # the number itself never changes
    assert campaign["raised_text"] == "550\xa0€"
    assert campaign["scale"] == ["0\xa0€", "2.500\xa0€", "5.000\xa0€"]
    assert campaign["percent_text"] == "11\xa0%"
    assert campaign["period_name"] == "MÄRZ 2025"


def test_private_details_never_leave(api_client):
    running_campaign()
    give("10", donor_name="Hidden", message="Private.", email="h@example.org")
    give("20", donor_name="Named", is_public=True, email="n@example.org")
    text = api_client.get(URL).content.decode()
    assert "example.org" not in text
    assert "Hidden" not in text and "Private." not in text
    assert '"name":"Named"' in text
    assert "20.00" not in text


def test_an_unchanged_answer_is_a_304_and_a_donation_changes_it(api_client):
    running_campaign()
    first = api_client.get(URL)
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=5"
    again = api_client.get(URL, headers={"If-None-Match": etag})
    assert again.status_code == 304
    give("550")
    after = api_client.get(URL, headers={"If-None-Match": etag})
    assert after.status_code == 200
    assert after["ETag"] != etag
    assert after.json()["campaign"]["raised"] == "550.00"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_campaign_is_read_only(api_client, method):
    response = getattr(api_client, method)(URL)
    assert response.status_code == 405

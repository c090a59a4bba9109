"""The Support page: the campaign, the donors who asked to be named, and the
ways to give."""

import pytest
from django.conf import settings
from django.utils import timezone

from parley.support.actions import refund_donation
from tests.support.campaigns import give, running_campaign

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_campaign_its_bar_and_text(client):
    running_campaign(title="Spring appeal", text="Line one.\n\nLine two.")
    give("550")
    response = client.get("/support/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<title>Support {settings.SITE_NAME}</title>" in page
    assert f">Support {settings.SITE_NAME}</h1>" in page
    assert "Spring appeal" in page
    assert '<aside class="goal-bar goal-bar--page"' in page
    assert "$550" in page and "11% of $5,000" in page
    assert "<p>Line one.</p>" in page and "<p>Line two.</p>" in page


def test_named_donors_and_their_messages_are_listed_newest_first(client):
    running_campaign()
    give("10", donor_name="Ines", is_public=True, message="Keep going.")
    give("20", donor_name="Tomasz", is_public=True)
    page = client.get("/support/").content.decode()
    assert "Keep going." in page
    assert page.index("Tomasz") < page.index("Ines")


def test_anonymous_donors_e_mails_and_amounts_stay_private(client):
    running_campaign()
    give(
        "10",
        donor_name="Hidden Person",
        is_public=False,
        message="A private word.",
        email="hidden@example.org",
    )
    give("77.70", donor_name="Named", is_public=True, email="named@example.org")
    page = client.get("/support/").content.decode()
    assert "Hidden Person" not in page and "A private word." not in page
    assert "example.org" not in page.replace(settings.SITE_CONTACT_EMAIL, "")
    assert "Named" in page and "77.70" not in page
    assert "No supporter has asked to be named yet." not in page


def test_a_donation_refunded_in_full_is_not_listed(client):
    running_campaign()
    give("10", donor_name="Refunded Rita", is_public=True, reference="ch_r")
    refund_donation("ch_r", at=timezone.now())
    page = client.get("/support/").content.decode()
    assert "Refunded Rita" not in page
    assert "No supporter has asked to be named yet." in page


def test_the_ways_to_give_follow_the_campaign(client):
    """Its payment page when it has one, and the newsroom's address for offline
    gifts; without a payment page, the bar's button leads to the ways to give."""
    running_campaign()
    page = client.get("/support/").content.decode()
    assert 'href="#ways-to-give"' in page
    assert "Give online" not in page
    assert f'href="mailto:{settings.SITE_CONTACT_EMAIL}"' in page
    running_campaign(slug="paid", give_url="https://pay.example/parley")
    page = client.get("/support/").content.decode()
    assert page.count('href="https://pay.example/parley"') == 2  # bar and list


def test_without_a_campaign_the_page_still_welcomes_support(client):
    give("10", donor_name="Ines", is_public=True)
    response = client.get("/support/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No campaign is running just now" in page
    assert "goal-bar" not in page
    assert "Ines" in page
    assert "/static/support/support.css" in page


def test_what_donors_wrote_is_escaped(client):
    give("5", donor_name="<b>Bold</b>", is_public=True, message="<script>x</script>")
    page = client.get("/support/").content.decode()
    assert "<b>Bold</b>" not in page and "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_page_only_reads(client, method):
    response = getattr(client, method)("/support/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"

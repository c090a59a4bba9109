"""The ledger keeps an account's last gift, and the badge its reader chose
follows a gift or a full refund at once on the thread's cached pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.core.errors import ParleyError
from parley.discussions.models import Thread
from parley.support.actions import parse_amount, record_donation, refund_donation
from parley.support.models import Donation
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"
NOT_A_NUMBER = "An amount must be written with digits and a dot, such as 1250.50."


@pytest.fixture
def reader(django_user_model):
    """A reader who confirmed their address and chose to show the badge, but
    has not given yet."""
    return django_user_model.objects.create_user(
        "rosa",
        email="Rosa@Example.org",
        confirmed_email="rosa@example.org",
        first_name="Rosa",
        shows_supporter_badge=True,
    )


def _give(reference: str, email: str, days_ago: int = 0) -> Donation:
    return record_donation(
        amount="12.50",
        currency="USD",
        kind=Donation.Kind.ONE_OFF,
        reference=reference,
        received_at=timezone.now() - timedelta(days=days_ago),
        source="test",
        email=email,
    )


def _is_supporter(client) -> bool:
    (comment,) = client.get(f"{API}/threads/k/comments").json()["comments"]
    return comment["author"]["is_supporter"]


def test_a_gift_links_its_account_by_email_and_shows_the_badge_at_once(client, reader):
    thread = make_thread("k")
    post(thread, "Worth every cent.", user=reader)
    assert _is_supporter(client) is False  # cached now
    before = Thread.objects.get(pk=thread.pk).version
    donation = _give("ch_1", "rosa@example.org")
    assert donation.reader == reader
    reader.refresh_from_db()
    assert reader.supported_at == donation.received_at
    assert Thread.objects.get(pk=thread.pk).version > before
    assert _is_supporter(client) is True


def test_an_older_gift_keeps_the_latest_date(reader):
    _give("ch_new", "rosa@example.org")
    _give("ch_old", "rosa@example.org", days_ago=30)
    reader.refresh_from_db()
    assert reader.supported_at == Donation.objects.get(reference="ch_new").received_at


def test_a_full_refund_ends_the_badge_a_partial_one_does_not(client, reader):
    thread = make_thread("k")
    post(thread, "Worth every cent.", user=reader)
    _give("ch_1", "rosa@example.org")
    assert _is_supporter(client) is True
    refund_donation("ch_1", amount="2.50", at=timezone.now())
    assert _is_supporter(client) is True
    refund_donation("ch_1", at=timezone.now())
    reader.refresh_from_db()
    assert reader.supported_at is None
    assert _is_supporter(client) is False


def test_a_gift_links_only_the_account_that_confirmed_its_address(
    reader, django_user_model
):
    """An account that only typed the donor's address is not linked."""
    django_user_model.objects.create_user("twin", email="rosa@example.org")
    assert _give("ch_1", "rosa@example.org").reader == reader


def test_an_unconfirmed_address_claims_no_gift(django_user_model):
    """Typing a donor's address on an account proves nothing: no link, no badge."""
    claimant = django_user_model.objects.create_user(
        "claimant", email="donor@example.org", shows_supporter_badge=True
    )
    assert _give("ch_1", "donor@example.org").reader is None
    claimant.refresh_from_db()
    assert claimant.supported_at is None


def test_a_changed_address_counts_once_confirmed_again(reader):
    """The confirmed address stays behind when the e-mail changes: neither links."""
    reader.email = "rosa@elsewhere.example"
    reader.save(update_fields=["email"])
    assert _give("ch_1", "rosa@elsewhere.example").reader is None
    assert _give("ch_2", "rosa@example.org").reader is None


@pytest.mark.parametrize(
    ("amount", "sentence"),
    [
        ("1e999999", NOT_A_NUMBER),
        ("1000000000000", "An amount must be under 1,000,000,000,000."),
        ("-1", "An amount must be more than zero."),
        ("12.345", "An amount has at most two decimals."),
        ("1e5", NOT_A_NUMBER),
        ("1E+05", NOT_A_NUMBER),
        ("1,000", NOT_A_NUMBER),
        ("NaN", NOT_A_NUMBER),
        ("Infinity", NOT_A_NUMBER),
        ("twelve", NOT_A_NUMBER),
        (12.5, "An amount must be a decimal, not a float."),
    ],
)
def test_an_amount_the_ledger_cant_hold_is_refused_with_a_sentence(amount, sentence):
    with pytest.raises(ParleyError) as refused:
        parse_amount(amount)
    assert refused.value.errors == {"amount": sentence}


@pytest.mark.parametrize("name", ["Ro\x00sa", "Ro\ud800sa"])
def test_text_no_database_stores_is_refused_before_it_reaches_one(name):
    with pytest.raises(ParleyError) as refused:
        record_donation(
            amount="5",
            currency="USD",
            kind=Donation.Kind.ONE_OFF,
            reference="ch_1",
            received_at=timezone.now(),
            source="test",
            donor_name=name,
        )
    assert "donor_name" in refused.value.errors
    assert not Donation.objects.exists()

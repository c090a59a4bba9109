"""A reader confirms their account's address from their notifications page: a
link by mail, a button on the page it opens, and then their earlier gifts with
that address are theirs."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from parley.accounts.actions import confirm_email
from parley.support.actions import record_donation

pytestmark = pytest.mark.django_db
ADDRESS = "gail@example.org"


@pytest.fixture
def gail(django_user_model):
    return django_user_model.objects.create_user(
        "gail", email="Gail@Example.org", first_name="Gail", shows_supporter_badge=True
    )


def _give(reference: str, email: str = ADDRESS, days_ago: int = 0):
    return record_donation(
        amount="10.00",
        currency="EUR",
        kind="one_off",
        reference=reference,
        received_at=timezone.now() - timedelta(days=days_ago),
        source="test",
        email=email,
    )


def _link(message) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"https://news\.example(/notifications/address/\S+/)", text)
    assert found, text
    return found.group(1)


def test_the_page_says_the_address_is_unconfirmed_and_offers_a_link(client, gail):
    client.force_login(gail)
    page = client.get("/notifications/").text
    assert "This address is not confirmed yet" in page
    assert "Send me a confirmation link" in page
    assert 'href="/support/"' in page


def test_confirming_links_earlier_gifts_and_shows_the_badge(
    client, gail, smtp, tasks, django_capture_on_commit_callbacks
):
    """Mail, GET (asks only), POST (confirms): earlier gifts become the reader's."""
    earlier = _give("gift-1", email="GAIL@example.org", days_ago=3)
    refunded = _give("gift-2", days_ago=1)
    refunded.refunded = refunded.amount
    refunded.save(update_fields=["refunded"])
    assert earlier.reader is None
    client.force_login(gail)
    assert (
        client.post("/notifications/", {"action": "confirm_email"}).status_code == 302
    )
    tasks()
    (message,) = smtp.to(ADDRESS)
    link = _link(message)

    assert client.get(link).status_code == 200  # a mail scanner's visit
    gail.refresh_from_db()
    assert not gail.email_is_confirmed

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 200
    assert "Address confirmed" in response.text
    gail.refresh_from_db()
    assert gail.email_is_confirmed
    earlier.refresh_from_db()
    assert earlier.reader == gail
    assert gail.supported_at == earlier.received_at  # the refunded gift counts not
    assert "This address is confirmed as yours." in client.get("/notifications/").text
    assert _give("gift-3").reader == gail


def test_a_second_link_waits_for_the_window(client, gail, smtp, tasks):
    """At most one mail per confirmation window, however often it is asked."""
    client.force_login(gail)
    client.post("/notifications/", {"action": "confirm_email"})
    follow = client.post("/notifications/", {"action": "confirm_email"}, follow=True)
    assert "We sent you a link a short while ago" in follow.text
    tasks()
    assert len(smtp.to(ADDRESS)) == 1


def test_a_link_for_an_address_the_account_no_longer_has_confirms_nothing(
    client, gail, smtp, tasks
):
    client.force_login(gail)
    client.post("/notifications/", {"action": "confirm_email"})
    tasks()
    (message,) = smtp.to(ADDRESS)
    gail.email = "gail@elsewhere.example"
    gail.save(update_fields=["email"])
    response = client.post(_link(message))
    assert response.status_code == 400
    gail.refresh_from_db()
    assert gail.confirmed_email == ""


def test_a_changed_link_is_refused(client):
    response = client.post("/notifications/address/not-a-token/")
    assert response.status_code == 400


def test_an_address_another_account_confirmed_is_not_confirmed_again(
    gail, django_user_model
):
    """One address, one account: the gifts it makes need one owner."""
    assert confirm_email(gail, ADDRESS)
    twin = django_user_model.objects.create_user("twin", email=ADDRESS)
    assert not confirm_email(twin, ADDRESS)
    twin.refresh_from_db()
    assert twin.confirmed_email == ""


def test_confirming_says_so_after_commit(gail, django_capture_on_commit_callbacks):
    """email_confirmed is sent once the confirmation is committed, and once."""
    from parley.accounts.signals import email_confirmed

    heard = []

    def listen(sender, *, user, address, **kwargs):
        heard.append(address)

    email_confirmed.connect(listen)
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            assert confirm_email(gail, "GAIL@example.org")
        assert heard == []
        for callback in callbacks:
            callback()
        assert heard == [ADDRESS]
        with django_capture_on_commit_callbacks(execute=True):
            assert confirm_email(gail, ADDRESS)
        assert heard == [ADDRESS]
    finally:
        email_confirmed.disconnect(listen)

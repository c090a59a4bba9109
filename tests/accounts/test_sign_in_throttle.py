"""
Failed sign-ins are limited by account and by address, on the site's sign-in
page and the admin's alike: once locked, even the right password is refused
until the lock lifts, and nobody learns whether an account exists.
"""

import re
import time

import pytest

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"
ADMIN = "/admin/login/"
LOCKED = "Too many failed attempts to sign in. Please try again in 15 minutes."
HOME = "203.0.113.5"


def _sign_in(client, username, password, *, path=SIGN_IN, address=HOME):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _errors(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<ul class="errorlist nonfield"><li>([^<]*)</li>', html)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_one(
    client, reader_user
):
    for _ in range(10):
        response = _sign_in(client, "reader", "wrong")
        assert response.status_code == 200
        assert "correct username and password" in _errors(response)[0]
    response = _sign_in(client, "reader", "pw-reader-123")
    assert response.status_code == 429
    assert _errors(response) == [LOCKED]
    assert 1 <= int(response["Retry-After"]) <= 900
    assert not _signed_in(client)


def test_the_admin_sign_in_is_locked_the_same_way(client, staff_user):
    for _ in range(10):
        response = _sign_in(client, "staffer", "wrong", path=ADMIN)
        assert "correct username and password" in response.content.decode()
    response = _sign_in(client, "staffer", "pw-staff-123", path=ADMIN)
    assert LOCKED in response.content.decode()
    assert not _signed_in(client)
    # One lock for both doors: the site's sign-in page is shut too.
    assert _sign_in(client, "staffer", "pw-staff-123").status_code == 429


def test_an_account_is_locked_whichever_addresses_the_attempts_come_from(
    client, reader_user
):
    for n in range(10):
        _sign_in(client, "reader", "wrong", address=f"198.51.100.{n + 1}")
    response = _sign_in(client, "reader", "pw-reader-123", address="192.0.2.77")
    assert response.status_code == 429
    assert not _signed_in(client)


def test_an_address_is_locked_whichever_accounts_it_tries(
    client, reader_user, django_user_model
):
    for n in range(30):
        _sign_in(client, f"guess-{n}", "wrong")
    response = _sign_in(client, "reader", "pw-reader-123")
    assert response.status_code == 429
    assert _errors(response) == [LOCKED]
    assert not _signed_in(client)
    # The account itself is not locked: from elsewhere its owner signs in.
    response = _sign_in(client, "reader", "pw-reader-123", address="192.0.2.8")
    assert response.status_code == 302
    assert _signed_in(client)


def test_unknown_and_known_accounts_get_the_same_answers(client, reader_user):
    """No enumeration: an account that exists is refused and locked exactly as
    one that does not."""

    def answers(username: str, address: str) -> list:
        return [
            (response.status_code, _errors(response), "Retry-After" in response)
            for response in (
                _sign_in(client, username, "wrong", address=address) for _ in range(12)
            )
        ]

    known, unknown = answers("reader", "192.0.2.1"), answers("nobody", "192.0.2.2")
    assert known == unknown
    assert [status for status, _errors, _retry in known] == [200] * 10 + [429] * 2


def test_successful_sign_ins_do_not_count(client, reader_user):
    for _ in range(12):
        assert _sign_in(client, "reader", "pw-reader-123").status_code == 302
        assert "Signed in as" in client.get("/").content.decode()
        client.post("/accounts/sign-out/")


def test_the_lock_lifts_when_its_window_ends(client, reader_user, settings):
    settings.PARLEY_RATE_LIMITS = {
        **settings.PARLEY_RATE_LIMITS,
        "sign_in_account": "3 per 2 seconds",
    }
    for _ in range(3):
        _sign_in(client, "reader", "wrong")
    response = _sign_in(client, "reader", "pw-reader-123")
    assert _errors(response) == [
        "Too many failed attempts to sign in. Please try again in 1 minute."
    ]
    time.sleep(2.1)
    assert _sign_in(client, "reader", "pw-reader-123").status_code == 302


def test_a_lock_does_not_outlive_its_test(client, reader_user):
    """Earlier tests locked "reader" and HOME; each test starts with no locks."""
    assert _sign_in(client, "reader", "pw-reader-123").status_code == 302

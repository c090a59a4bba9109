import pytest
from django.test import RequestFactory

from parley.core.addresses import address_hash, client_address


def _request(peer: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.PARLEY_TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_forged_header_from_an_untrusted_peer_changes_nothing(settings):
    """Only a trusted proxy may name the client; anyone else is the client."""
    settings.PARLEY_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = _request("203.0.113.9", "10.0.0.5, 198.51.100.1")
    assert client_address(request) == "203.0.113.9"


@pytest.mark.parametrize(
    "forwarded, expected",
    [
        ("198.51.100.7", "198.51.100.7"),
        # The client may prepend anything; the proxy appends the real peer.
        ("6.6.6.6, 198.51.100.7", "198.51.100.7"),
        # Two proxies in the trusted set: the right-most untrusted hop wins.
        ("6.6.6.6, 198.51.100.7, 10.1.2.3", "198.51.100.7"),
        ("198.51.100.7:51234", "198.51.100.7"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        # Garbage where the client's hop should be: the nearest proxy stands in.
        ("198.51.100.7, not-an-ip", "10.0.0.1"),
        ("", "10.0.0.1"),
        ("10.9.9.9", "10.9.9.9"),
    ],
)
def test_trusted_proxy_header_gives_the_right_most_untrusted_hop(
    settings, forwarded, expected
):
    settings.PARLEY_TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1"]
    assert client_address(_request("10.0.0.1", forwarded)) == expected


def test_single_trusted_proxy_address(settings):
    settings.PARLEY_TRUSTED_PROXIES = ["192.0.2.1"]
    assert client_address(_request("192.0.2.1", "198.51.100.7")) == "198.51.100.7"
    assert client_address(_request("192.0.2.2", "198.51.100.7")) == "192.0.2.2"


def test_unknown_peer_gives_empty_address(settings):
    assert client_address(_request("")) == ""


def test_address_hash_is_keyed_truncated_hex(settings):
    first = address_hash("198.51.100.7")
    assert len(first) == 32 and int(first, 16) >= 0
    assert first == address_hash("198.51.100.7")
    assert first != address_hash("198.51.100.8")
    settings.SECRET_KEY = "another-secret-key-" * 3
    assert address_hash("198.51.100.7") != first


def test_address_hash_folds_equivalent_forms_and_ipv6_64s():
    assert address_hash("::ffff:198.51.100.7") == address_hash("198.51.100.7")
    assert address_hash("2001:db8:0:1::1") == address_hash("2001:db8:0:1:ffff::9")
    assert address_hash("2001:db8:0:1::1") != address_hash("2001:db8:0:2::1")


@pytest.mark.parametrize("bad", ["", "unknown", "999.1.1.1"])
def test_no_address_hashes_to_empty(bad):
    assert address_hash(bad) == ""

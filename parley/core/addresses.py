"""
The client's address, and the keyed hash that is all Parley ever stores of it.

Behind a reverse proxy the peer is the proxy; its X-Forwarded-For names the
client. The header is believed only when the peer is a configured trusted proxy
(PARLEY_TRUSTED_PROXIES), and then only up to the right-most hop that is not
itself trusted: everything left of that hop was written by the client and can
say anything.
"""

import hashlib
import hmac
import ipaddress
from functools import lru_cache

from django.conf import settings
from django.utils.crypto import salted_hmac

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# 128 bits: far beyond any collision among real addresses, short in rows and keys.
HASH_LENGTH = 32


def client_address(request) -> str:
    """Return the client's address for a request, or "" if it cannot be told."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return ""
    trusted = trusted_proxies()
    if not trusted or not _is_trusted(peer, trusted):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    nearest = peer
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # A trusted proxy writes addresses; garbage came from further out,
            # so the last hop we could believe is the best answer there is.
            return str(nearest)
        if not _is_trusted(address, trusted):
            return str(address)
        nearest = address
    return str(nearest)


def address_hash(address: str) -> str:
    """
    Return the keyed hash of an address ("" for none), in truncated hex.

    IPv6 addresses are hashed by their /64: one subscriber is usually given a
    whole /64, so single addresses would let one machine rotate through
    billions of them.
    """
    parsed = _parse(address)
    if parsed is None:
        return ""
    if isinstance(parsed, ipaddress.IPv6Address):
        value = str(ipaddress.IPv6Network(f"{parsed}/64", strict=False))
    else:
        value = str(parsed)
    key = _hash_key(settings.SECRET_KEY).encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:HASH_LENGTH]


def request_address_hash(request) -> str:
    """Return the keyed hash of the request's client address."""
    return address_hash(client_address(request))


def _parse(value: str) -> IPAddress | None:
    """Parse an address as proxies write it (optionally with a port); None if bad."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: IPAddress, networks) -> bool:
    return any(address in network for network in networks)


def trusted_proxies() -> tuple:
    """The networks of PARLEY_TRUSTED_PROXIES, parsed once per value."""
    return _networks(tuple(settings.PARLEY_TRUSTED_PROXIES))


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


@lru_cache(maxsize=4)
def _hash_key(secret: str) -> str:
    return salted_hmac(
        "parley.protection", "address-hash", secret=secret, algorithm="sha256"
    ).hexdigest()

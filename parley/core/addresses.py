"""
Who is on the other end of a request, as far as the network says: the client's
address, and the keyed hash under which Parley stores it (never the address).
"""

import hashlib
import hmac
import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest


@cache
def _trusted_networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    networks = _trusted_networks(tuple(settings.PARLEY_TRUSTED_PROXIES))
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """
    Return the client's address. X-Forwarded-For counts only when the request
    comes from a configured trusted proxy, and then the right-most address that
    is not one of those proxies is the client: anything to its left was written
    by the client itself, and a forged header changes nothing.
    """
    peer = request.META.get("REMOTE_ADDR", "") or ""
    if not _is_trusted(peer):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer
    return peer


def address_hash(address: str) -> str:
    """Return the keyed hash an address is stored and counted under. IPv6
    addresses count per /64, the block one subscriber usually holds."""
    if not address:
        return ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 6 and not ip.ipv4_mapped:
        address = str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    key = hashlib.sha256(f"parley.address:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def request_address_hash(request: HttpRequest) -> str:
    return address_hash(client_address(request))

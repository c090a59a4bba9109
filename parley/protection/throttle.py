"""
The rate limits behind discussions.throttle (the PARLEY_THROTTLE setting) and
accounts.throttle (PARLEY_SIGN_IN_THROTTLE).
"""

from parley.core.errors import ParleyError

from . import ratelimits
from .checks import RATE_LIMITED


def throttle(action: str, *, identity: str, address_hash: str) -> None:
    """Count one `action`; raise a 429 ParleyError when a limit is exceeded. A
    vote under a reader identity new to this address also counts against the
    address's new identities, so clearing cookies does not buy more votes."""
    # Every counter of this one action in one write (on SQLite, one turn of
    # its single writer instead of one per counter).
    with ratelimits.batched_writes():
        limited = ratelimits.hit(action, address_hash, identity)
        if limited is None and action == "vote":
            limited = ratelimits.hit_new_voter(address_hash, identity)
    if limited is not None:
        raise ParleyError(
            {"__all__": str(RATE_LIMITED)},
            status=429,
            code="rate_limited",
            headers={"Retry-After": str(limited.retry_after)},
        )


class SignInLimits:
    """
    Failed sign-ins counted per account ("sign_in_account") and per address
    ("sign_in_address") in PARLEY_RATE_LIMITS: while either is over its limit,
    every attempt from that address or at that account waits.
    """

    ACTIONS = (("sign_in_account", "account"), ("sign_in_address", "address_hash"))

    def wait(self, *, account: str, address_hash: str) -> int:
        """Return the seconds until an attempt may be made; 0 if it may now."""
        keys = {"account": account, "address_hash": address_hash}
        waits = [
            limited.retry_after
            for action, key in self.ACTIONS
            if (limited := ratelimits.exceeded(action, keys[key])) is not None
        ]
        return max(waits, default=0)

    def failed(self, *, account: str, address_hash: str) -> None:
        """Count one failed attempt against the account and the address."""
        keys = {"account": account, "address_hash": address_hash}
        with ratelimits.batched_writes():
            for action, key in self.ACTIONS:
                ratelimits.hit(action, keys[key])


sign_in = SignInLimits()

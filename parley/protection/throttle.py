"""The rate limits behind discussions.throttle (the PARLEY_THROTTLE setting)."""

from parley.core.errors import ParleyError

from . import ratelimits
from .checks import RATE_LIMITED


def throttle(action: str, *, identity: str, address_hash: str) -> None:
    """Count one `action`; raise a 429 ParleyError when a limit is exceeded. A
    vote under a reader identity new to this address also counts against the
    address's new identities, so clearing cookies does not buy more votes."""
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

"""Protection settings, read when used so tests and deployments can change them."""

from functools import lru_cache

from django.conf import settings
from django.utils.crypto import salted_hmac
from limits import RateLimitItem, parse_many


def redis_url() -> str:
    """Return the Redis URL for spent challenges and counters; "" means the DB."""
    return settings.PARLEY_PROTECTION_REDIS_URL or ""


def human_score_threshold() -> float:
    return float(settings.PARLEY_HUMAN_SCORE_THRESHOLD)


def challenge_ttl() -> int:
    return max(30, int(settings.PARLEY_CHALLENGE_TTL))


def challenge_maxnumber() -> tuple[int, int]:
    """Return (base, ceiling) of the challenge's search space."""
    base = max(1, int(settings.PARLEY_CHALLENGE_MAXNUMBER))
    return base, max(base, int(settings.PARLEY_CHALLENGE_MAXNUMBER_CEILING))


def rate_limits(action: str) -> tuple[RateLimitItem, ...]:
    """Return the limits for an action; none for an action with no setting."""
    return _parse_limits(action, settings.PARLEY_RATE_LIMITS.get(action) or "")


@lru_cache(maxsize=64)
def _parse_limits(action: str, spec: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(spec)) if spec.strip() else ()


def derived_key(purpose: str) -> str:
    """Return a key for one purpose, derived from SECRET_KEY (hex)."""
    return _derived_key(purpose, settings.SECRET_KEY)


@lru_cache(maxsize=16)
def _derived_key(purpose: str, secret: str) -> str:
    return salted_hmac(
        "parley.protection", purpose, secret=secret, algorithm="sha256"
    ).hexdigest()

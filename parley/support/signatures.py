"""
Signatures of the payment webhook's calls, made the way Stripe makes them:
`Parley-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
with a shared secret. Several v1 signatures may be sent (a provider signing
with an old and a new secret); one matching a configured secret, at a time
within the tolerance of this server's clock either way, is enough.
"""

import hashlib
import hmac
import re
import time

from parley.core.errors import ParleyError

from . import conf

SIGNATURE_HEADER = "Parley-Signature"
SCHEME = "v1"
MAX_HEADER_LENGTH = 2048
MAX_SIGNATURES = 8
UNIX_TIME = re.compile(r"[0-9]{1,12}")


def sign(body: bytes, secret: str, timestamp: int | None = None) -> str:
    """Return the signature header a provider sends with `body` (for tests,
    the docs' example and `manage.py support_webhook_sign`)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},{SCHEME}={_digest(secret, timestamp, body).decode()}"


def verify(body: bytes, header: str, *, now: float | None = None) -> int:
    """Return the signature's time if `header` signs `body` with a configured
    secret within the tolerance (either way); raise ParleyError if not."""
    secrets = conf.webhook_secrets()
    if not secrets:
        raise refused(
            "signature",
            "This site takes no payment webhook calls: no signing secret is set.",
            status=403,
        )
    timestamp, signatures = parse_signature(header)
    matched = False
    # Every pair is compared, each in constant time: how long this takes
    # tells a caller nothing about how close a guess came.
    for secret in secrets:
        expected = _digest(secret, timestamp, body)
        for candidate in signatures:
            matched |= hmac.compare_digest(expected, candidate)
    if not matched:
        raise refused(
            "signature", "The signature does not match the body with any secret."
        )
    now = time.time() if now is None else now
    tolerance = conf.webhook_tolerance()
    if timestamp < now - tolerance:
        raise refused(
            "signature",
            f"The signature is {int(now - timestamp)} seconds old; at most "
            f"{tolerance} are allowed. Each delivery must be signed anew.",
        )
    if timestamp > now + tolerance:
        raise refused(
            "signature",
            f"The signature's time is {int(timestamp - now)} seconds ahead of this "
            f"server's clock; at most {tolerance} are allowed.",
        )
    return timestamp


def parse_signature(header: str) -> tuple[int, list[bytes]]:
    """Return the time and the v1 signatures a header names (others, such as
    v0, are ignored); raise ParleyError if it doesn't read t=…,v1=…."""
    malformed = refused(
        "signature",
        f"The {SIGNATURE_HEADER} header must read t=<unix time>,{SCHEME}=<signature>.",
    )
    if not header:
        raise refused("signature", f"The {SIGNATURE_HEADER} header is missing.")
    if len(header) > MAX_HEADER_LENGTH:
        raise malformed
    timestamp: int | None = None
    signatures: list[bytes] = []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t":
            if timestamp is not None or not UNIX_TIME.fullmatch(value):
                raise malformed
            timestamp = int(value)
        elif key == SCHEME:
            signatures.append(value.strip().encode("utf-8", "replace"))
    if timestamp is None or not signatures or len(signatures) > MAX_SIGNATURES:
        raise malformed
    return timestamp, signatures


def refused(field: str, message: str, status: int = 400) -> ParleyError:
    """A refusal of the call, with a sentence for the field at fault."""
    return ParleyError.single(field, message, status=status)


def _digest(secret: str, timestamp: int, body: bytes) -> bytes:
    payload = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest().encode()

"""
ALTCHA proof-of-work challenges (the v1 "classic" scheme): issue, verify, spend.

A challenge is sha256(salt + n) for a secret n in [0, maxnumber], HMAC-signed
with a key derived from SECRET_KEY; its salt carries the expiry and the time it
was issued, so it is covered by the signature. The solver sends back the payload
{"algorithm", "challenge", "number", "salt", "signature", "took"} in base64.
Difficulty rises with the number of challenges an address asked for recently,
as mCaptcha does: the search space doubles per step, up to a ceiling.
"""

import base64
import binascii
import hmac
import json
import time
import urllib.parse
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import altcha

from . import conf, ratelimits, replay

ALGORITHM = "SHA-256"
# An address may ask for this many challenges per window at base difficulty;
# each further step of as many doubles the work.
DIFFICULTY_WINDOW = 600
DIFFICULTY_STEP = 10


@dataclass(frozen=True)
class ChallengeResult:
    """What a solution proved. `reason` is "ok" or why it failed."""

    ok: bool
    reason: str  # ok | missing | invalid | forged | expired | replayed
    took: int | None = None  # milliseconds the solver reported
    number: int | None = None
    maxnumber: int | None = None
    issued_at: float | None = None

    def as_detail(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value is not None}


def issue_challenge(address_hash: str = "", now: float | None = None) -> dict:
    """
    Return a new challenge as the widget takes it: {"algorithm", "challenge",
    "maxnumber", "salt", "signature"}. Counts towards the address's difficulty.
    """
    now = time.time() if now is None else now
    maxnumber = difficulty(address_hash)
    issued = altcha.create_challenge_v1(
        altcha.ChallengeOptionsV1(
            algorithm=ALGORITHM,
            max_number=maxnumber,
            hmac_key=_hmac_key(),
            expires=datetime.fromtimestamp(now + conf.challenge_ttl(), tz=UTC),
            params={"issued": str(int(now)), "maxnumber": str(maxnumber)},
        )
    )
    return {
        "algorithm": issued.algorithm,
        "challenge": issued.challenge,
        "maxnumber": issued.max_number,
        "salt": issued.salt,
        "signature": issued.signature,
    }


def difficulty(address_hash: str) -> int:
    """Count a challenge for this address; return the maxnumber it should get."""
    base, ceiling = conf.challenge_maxnumber()
    if not address_hash:
        return base
    recent = ratelimits.tally("challenges", address_hash, DIFFICULTY_WINDOW)
    steps = min(max(0, recent - 1) // DIFFICULTY_STEP, 32)
    return min(ceiling, base * 2**steps)


def verify_solution(
    payload: str, *, spend: bool = True, now: float | None = None
) -> ChallengeResult:
    """
    Check an ALTCHA payload and, with `spend`, use it up: a second use of the
    same solution fails as "replayed". Without `spend` only its proof is checked.
    """
    now = time.time() if now is None else now
    if not payload:
        return ChallengeResult(False, "missing")
    data = _decode(payload)
    if data is None:
        return ChallengeResult(False, "invalid")
    salt: str = data["salt"]
    params = urllib.parse.parse_qs(salt.partition("?")[2])
    expected_signature = altcha.hmac_hex(
        ALGORITHM, data["challenge"].encode(), _hmac_key()
    )
    if not hmac.compare_digest(expected_signature, data["signature"]):
        return ChallengeResult(False, "forged")
    hashed = salt if salt.endswith("&") else salt + "&"
    solved = f"{hashed}{data['number']}".encode()
    expected_challenge = altcha.hash_hex(ALGORITHM, solved)
    if not hmac.compare_digest(expected_challenge, data["challenge"]):
        return ChallengeResult(False, "invalid")
    result = {
        "took": _int(data.get("took")),
        "number": data["number"],
        "maxnumber": _int(_first(params, "maxnumber")),
        "issued_at": _int(_first(params, "issued")),
    }
    expires_at = _int(_first(params, "expires"))
    if expires_at is None or expires_at < now:
        return ChallengeResult(False, "expired", **result)
    # The library's own verdict as well: it must agree with the checks above.
    ok, _error = altcha.verify_solution_v1(data, _hmac_key(), check_expires=True)
    if not ok:
        return ChallengeResult(False, "invalid", **result)
    if spend and not replay.spend(data["challenge"], expires_at):
        return ChallengeResult(False, "replayed", **result)
    return ChallengeResult(True, "ok", **result)


def _decode(payload: str) -> dict | None:
    """Return the payload's fields if it has the v1 shape, else None."""
    try:
        data = json.loads(base64.b64decode(payload, validate=True))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("algorithm") != ALGORITHM:
        return None
    strings = ("challenge", "salt", "signature")
    if not all(isinstance(data.get(name), str) for name in strings):
        return None
    number = data.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        return None
    return data


def _first(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def _int(value) -> int | None:
    """Return a non-negative int from a number or digit string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value >= 0:
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _hmac_key() -> str:
    return conf.derived_key("altcha-hmac")

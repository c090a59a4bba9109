import hashlib
import time

import pytest

from parley.protection import challenge, replay
from parley.protection.models import SpentChallenge

from .conftest import REDIS_URL
from .support import decode, encode, run_at_once, solve

pytestmark = pytest.mark.django_db


def test_issued_challenge_has_the_contract_shape(settings):
    """GET /challenge's JSON: the five v1 fields, expiry and issue time signed in."""
    settings.PARLEY_CHALLENGE_MAXNUMBER = 1000
    issued = challenge.issue_challenge("", now=1_900_000_000)
    assert set(issued) == {"algorithm", "challenge", "maxnumber", "salt", "signature"}
    assert issued["algorithm"] == "SHA-256"
    assert issued["maxnumber"] == 1000
    assert len(issued["challenge"]) == 64
    assert f"expires={1_900_000_000 + settings.PARLEY_CHALLENGE_TTL}" in issued["salt"]
    assert "issued=1900000000" in issued["salt"]
    assert issued["salt"].endswith("&")


def test_solution_is_accepted_once_then_refused_as_replayed(store):
    """A solved challenge buys one post; the same payload again is "replayed"."""
    payload = solve(challenge.issue_challenge(""), took=250)
    first = challenge.verify_solution(payload)
    assert first.ok and first.reason == "ok"
    assert first.took == 250
    assert first.issued_at is not None
    again = challenge.verify_solution(payload)
    assert not again.ok and again.reason == "replayed"


def test_checking_without_spending_leaves_the_solution_usable(store):
    payload = solve(challenge.issue_challenge(""))
    assert challenge.verify_solution(payload, spend=False).ok
    assert challenge.verify_solution(payload, spend=False).ok
    assert challenge.verify_solution(payload).ok
    assert challenge.verify_solution(payload).reason == "replayed"
    assert challenge.verify_solution(payload, spend=False).ok  # proof still valid


def test_expired_challenge_is_refused(store):
    """The expiry travels in the signed salt; past it the solution fails."""
    past = time.time() - challenge.conf.challenge_ttl() - 5
    payload = solve(challenge.issue_challenge("", now=past))
    assert challenge.verify_solution(payload).reason == "expired"


def test_challenge_signed_with_another_key_is_forged(store, settings):
    payload = solve(challenge.issue_challenge(""))
    settings.SECRET_KEY = "another-site-entirely-" * 3
    assert challenge.verify_solution(payload).reason == "forged"


def test_tampered_signature_is_forged(store):
    data = decode(solve(challenge.issue_challenge("")))
    data["signature"] = "0" * 64
    assert challenge.verify_solution(encode(data)).reason == "forged"


def test_self_made_challenge_is_forged(store):
    """A client that builds its own easy challenge cannot sign it."""
    data = decode(solve(challenge.issue_challenge("")))
    salt = data["salt"].replace("expires=", "expires=9")
    data["salt"] = salt
    data["challenge"] = hashlib.sha256(f"{salt}{data['number']}".encode()).hexdigest()
    assert challenge.verify_solution(encode(data)).reason == "forged"


def test_tampered_number_is_invalid_and_spends_nothing(store):
    """A wrong answer fails and does not use up the challenge."""
    good = solve(challenge.issue_challenge(""))
    data = decode(good)
    data["number"] += 1
    assert challenge.verify_solution(encode(data)).reason == "invalid"
    assert challenge.verify_solution(good).ok


@pytest.mark.parametrize(
    "payload, reason",
    [
        ("", "missing"),
        ("not base64 at all!", "invalid"),
        (encode([1, 2, 3]), "invalid"),
        (encode({"algorithm": "SHA-256"}), "invalid"),
        (
            encode(
                {
                    "algorithm": "SHA-1",
                    "challenge": "a",
                    "number": 1,
                    "salt": "b",
                    "signature": "c",
                }
            ),
            "invalid",
        ),
    ],
)
def test_malformed_payloads_fail_without_error(payload, reason):
    assert challenge.verify_solution(payload).reason == reason


def test_string_number_is_invalid():
    data = decode(solve(challenge.issue_challenge("")))
    data["number"] = str(data["number"])
    assert challenge.verify_solution(encode(data)).reason == "invalid"


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_of_one_solution_accept_exactly_one(store):
    """Eight requests racing with one payload: one "ok", seven "replayed"."""
    payload = solve(challenge.issue_challenge(""))
    results, failures = run_at_once(
        lambda _n: challenge.verify_solution(payload).reason, 8
    )
    assert not failures
    assert sorted(results) == ["ok"] + ["replayed"] * 7


def test_difficulty_doubles_with_an_address_volume_up_to_the_ceiling(store, settings):
    settings.PARLEY_CHALLENGE_MAXNUMBER = 1000
    settings.PARLEY_CHALLENGE_MAXNUMBER_CEILING = 4000
    step = challenge.DIFFICULTY_STEP
    busy = [challenge.issue_challenge("busy")["maxnumber"] for _ in range(4 * step)]
    assert busy[:step] == [1000] * step
    assert busy[step : 2 * step] == [2000] * step
    assert busy[2 * step :] == [4000] * (2 * step)
    assert challenge.issue_challenge("quiet")["maxnumber"] == 1000
    assert challenge.issue_challenge("")["maxnumber"] == 1000
    hard = challenge.issue_challenge("busy")
    assert decode(solve(hard))["number"] <= 4000
    result = challenge.verify_solution(solve(hard))
    assert result.ok and result.maxnumber == 4000


def test_database_spent_records_are_purged_once_expired(settings):
    settings.PARLEY_PROTECTION_REDIS_URL = ""
    assert replay.spend("a" * 64, time.time() - 1)
    assert replay.spend("b" * 64, time.time() + 600)
    assert replay.purge_expired() == 1
    assert list(SpentChallenge.objects.values_list("challenge", flat=True)) == [
        "b" * 64
    ]


def test_redis_spent_records_expire_with_the_challenge(settings, redis_client):
    settings.PARLEY_PROTECTION_REDIS_URL = REDIS_URL
    redis_client.flushdb()
    assert replay.spend("c" * 64, time.time() + 30)
    ttl = redis_client.ttl(replay.REDIS_KEY_PREFIX + "c" * 64)
    assert 25 <= ttl <= 32
    assert not replay.spend("c" * 64, time.time() + 30)

import time

import pytest
from limits.storage import storage_from_string

from parley.protection import ratelimits
from parley.protection.models import RateCounter

from .support import run_at_once

pytestmark = pytest.mark.django_db


def _limits(settings, **actions):
    settings.PARLEY_RATE_LIMITS = {**settings.PARLEY_RATE_LIMITS, **actions}


def test_hits_beyond_the_limit_are_refused_with_retry_after(store, settings):
    """The fourth of "3/minute" is refused and told to come back within the minute."""
    _limits(settings, comment="3/minute")
    assert [ratelimits.hit("comment", "addr-1") for _ in range(3)] == [None] * 3
    refused = ratelimits.hit("comment", "addr-1")
    assert refused is not None
    assert refused.action == "comment"
    assert refused.limit == "3 per 1 minute"
    assert 1 <= refused.retry_after <= 60
    assert ratelimits.hit("comment", "addr-2") is None  # other keys are untouched
    assert ratelimits.hit("vote", "addr-1") is None  # and other actions


def test_each_key_is_limited_on_its_own(store, settings):
    """A reader moving to a new address is still limited by identity."""
    _limits(settings, comment="2/minute")
    assert ratelimits.hit("comment", "addr-1", "a:reader") is None
    assert ratelimits.hit("comment", "addr-2", "a:reader") is None
    refused = ratelimits.hit("comment", "addr-3", "a:reader")
    assert refused is not None
    assert ratelimits.hit("comment", "addr-3", "a:other") is None


def test_the_longest_refused_window_sets_retry_after(store, settings):
    _limits(settings, comment="5/minute;2/hour")
    ratelimits.hit("comment", "k")
    ratelimits.hit("comment", "k")
    refused = ratelimits.hit("comment", "k")
    assert refused.limit == "2 per 1 hour"
    assert 60 < refused.retry_after <= 3600


def test_a_window_that_ended_starts_over(store, settings):
    _limits(settings, vote="2/second")
    assert ratelimits.hit("vote", "k") is None
    assert ratelimits.hit("vote", "k") is None
    assert ratelimits.hit("vote", "k") is not None
    time.sleep(1.1)
    assert ratelimits.hit("vote", "k") is None


def test_empty_keys_and_unset_limits_never_refuse(store, settings):
    _limits(settings, comment="1/hour", report="")
    for _ in range(3):
        assert ratelimits.hit("comment", "", "") is None
        assert ratelimits.hit("report", "k") is None
        assert ratelimits.hit("no-such-action", "k") is None


def test_usage_counts_hits_in_the_longest_window(store, settings):
    _limits(settings, comment="50/minute;100/hour")
    for _ in range(4):
        ratelimits.hit("comment", "k")
    assert ratelimits.usage("comment", "k") == 4
    assert ratelimits.usage("comment", "other") == 0


def test_new_voters_from_one_address_are_limited_known_ones_are_not(store, settings):
    _limits(settings, new_voter="2/hour")
    assert ratelimits.hit_new_voter("addr", "a:one") is None
    assert ratelimits.hit_new_voter("addr", "a:two") is None
    assert ratelimits.hit_new_voter("addr", "a:one") is None  # known voter
    refused = ratelimits.hit_new_voter("addr", "a:three")
    assert refused is not None and refused.action == "new_voter"
    assert ratelimits.hit_new_voter("addr", "a:three") is not None  # still new
    assert ratelimits.hit_new_voter("addr", "a:two") is None
    assert ratelimits.hit_new_voter("elsewhere", "a:three") is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_are_counted_exactly(store, settings):
    """Twenty hits at once against "10/minute": exactly ten pass."""
    _limits(settings, comment="10/minute")
    results, failures = run_at_once(lambda _n: ratelimits.hit("comment", "k"), 20)
    assert not failures
    assert sum(result is None for result in results) == 10


def test_database_storage_is_a_registered_limits_storage(settings):
    settings.PARLEY_PROTECTION_REDIS_URL = ""
    assert isinstance(
        storage_from_string("parley-db://default"), ratelimits.DatabaseStorage
    )
    assert isinstance(ratelimits.storage(), ratelimits.DatabaseStorage)
    assert ratelimits.storage().check()


def test_database_counter_restarts_in_place_and_expired_rows_are_purged(settings):
    settings.PARLEY_PROTECTION_REDIS_URL = ""
    store = ratelimits.DatabaseStorage()
    assert store.incr("k", 1) == 1
    assert store.incr("k", 1, amount=2) == 3
    assert store.get("k") == 3
    assert store.incr("gone", 1) == 1
    time.sleep(1.05)
    assert store.get("k") == 0
    assert store.incr("k", 60) == 1  # the ended window restarts in its row
    assert store.get_expiry("k") > time.time() + 55
    store._purged_at = 0.0
    assert store.incr("other", 60) == 1  # and purges the expired "gone" row
    assert set(RateCounter.objects.values_list("key", flat=True)) == {"k", "other"}
    store.clear("k")
    assert store.get("k") == 0


UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"


@pytest.mark.django_db
def test_limits_stay_open_while_their_redis_is_unreachable(settings, caplog):
    """A Redis restart must not turn posts and sign-ins into 500s: nothing is
    refused or counted meanwhile, and one line says so."""
    settings.PARLEY_PROTECTION_REDIS_URL = UNREACHABLE_REDIS
    settings.PARLEY_RATE_LIMITS = {"comment": "1/minute", "new_voter": "1/minute"}
    for _ in range(3):
        assert ratelimits.hit("comment", "a") is None
        assert ratelimits.exceeded("comment", "a") is None
        assert ratelimits.hit_new_voter("addr", "a:1") is None
    assert ratelimits.usage("comment", "a") == 0
    assert ratelimits.tally("text", "x", 60) == 0
    assert "Redis unreachable" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_spent_challenges_fall_back_to_the_database_while_redis_is_down(settings):
    from parley.protection import replay

    settings.PARLEY_PROTECTION_REDIS_URL = UNREACHABLE_REDIS
    expires = time.time() + 60
    assert replay.spend("challenge-1", expires) is True
    assert replay.spend("challenge-1", expires) is False

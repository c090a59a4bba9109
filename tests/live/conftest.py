import pytest

from parley.live import bus as live_bus
from tests.helpers import live_redis


@pytest.fixture(autouse=True)
def _fresh_local_bus():
    """Thread ids repeat from test to test (the database starts over): start an
    in-process bus over too. A Redis bus keeps its listener; its keys go with
    the cache's flush."""
    if isinstance(live_bus.get_bus(), live_bus.LocalBus):
        live_bus._bus.cache_clear()
    yield


@pytest.fixture
def redis_bus():
    """A Redis bus with a prefix of its own (channels are shared by every db)."""
    url, prefix = live_redis()
    bus = live_bus.RedisBus(url, prefix, history=5, retain=3600)
    yield bus
    for key in bus.client.scan_iter(match=prefix + "*"):
        bus.client.delete(key)

"""The event bus, in process and through Redis: order, fan-out, resuming."""

import asyncio
import queue
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from parley.live.bus import CLOSE, Listener, LocalBus


def drain(listener: Listener, count: int, timeout: float = 3.0) -> list:
    got = []
    deadline = time.monotonic() + timeout
    while len(got) < count:
        got.append(listener.queue.get(timeout=max(0.01, deadline - time.monotonic())))
    return got


@pytest.fixture(params=["local", "redis"])
def bus(request):
    if request.param == "local":
        return LocalBus(history=5)
    return request.getfixturevalue("redis_bus")


def test_events_reach_every_listener_of_their_thread_in_order(bus):
    """Two listeners on a thread get its events in order; another thread's
    listener gets none."""
    first, second, elsewhere = Listener(), Listener(), Listener()
    bus.open(1, first, "")
    bus.open(1, second, "")
    bus.open(2, elsewhere, "")
    ids = [bus.publish(1, "comment", f'{{"n":{n}}}') for n in range(3)]
    for listener in (first, second):
        events = drain(listener, 3)
        assert [event.id for event in events] == ids
        assert [event.data for event in events] == ['{"n":0}', '{"n":1}', '{"n":2}']
        assert (
            events[0].wire
            == f'id: {ids[0]}\nevent: comment\ndata: {{"n":0}}\n\n'.encode()
        )
    with pytest.raises(queue.Empty):
        elsewhere.queue.get(timeout=0.2)


def test_an_event_is_encoded_once_for_all_listeners(bus):
    """Every stream writes the same bytes object: built once per event."""
    listeners = [Listener() for _ in range(3)]
    for listener in listeners:
        bus.open(7, listener, "")
    bus.publish(7, "vote", '{"id":1}')
    events = [drain(listener, 1)[0] for listener in listeners]
    assert all(event is events[0] for event in events)


def test_resuming_gives_what_was_missed(bus):
    """A reader who sends the id of the last event they saw gets the later ones."""
    ids = [bus.publish(3, "comment", f'{{"n":{n}}}') for n in range(4)]
    opened = bus.open(3, Listener(), ids[1])
    assert [event.id for event in opened.missed] == ids[2:]
    assert bus.open(3, Listener(), ids[3]).missed == []


def test_a_new_reader_gets_the_present(bus):
    """Without an id there is nothing to replay, and the position given then
    resumes exactly after it."""
    bus.publish(4, "comment", "{}")
    opened = bus.open(4, Listener(), "")
    assert opened.missed == []
    later = bus.publish(4, "comment", '{"n":1}')
    assert [event.id for event in bus.open(4, Listener(), opened.position).missed] == [
        later
    ]


def test_a_position_before_any_event_resumes_from_the_first(bus):
    opened = bus.open(5, Listener(), "")
    first = bus.publish(5, "comment", "{}")
    assert [event.id for event in bus.open(5, Listener(), opened.position).missed] == [
        first
    ]


@pytest.mark.parametrize("last_id", ["nonsense", "0", "deadbeef-1", "1-1-1"])
def test_an_unknown_id_asks_for_a_reload(bus, last_id):
    bus.publish(6, "comment", "{}")
    assert bus.open(6, Listener(), last_id).missed is None


def test_an_id_older_than_the_history_asks_for_a_reload(bus):
    """The bus keeps a few events per thread (5 here): past them, reload."""
    ids = [bus.publish(8, "comment", "{}") for _ in range(300)]
    assert bus.open(8, Listener(), ids[0]).missed is None
    assert [event.id for event in bus.open(8, Listener(), ids[-2]).missed] == [ids[-1]]


def test_a_closed_listener_hears_nothing_more(bus):
    listener = Listener()
    bus.open(9, listener, "")
    bus.close(9, listener)
    bus.publish(9, "comment", "{}")
    with pytest.raises(queue.Empty):
        listener.queue.get(timeout=0.2)


def test_events_reach_listeners_on_an_event_loop(bus):
    """A stream on an event loop gets events published from another thread."""

    async def main():
        listener = Listener(asyncio.get_running_loop())
        bus.open(10, listener, "")
        await asyncio.to_thread(bus.publish, 10, "comment", '{"x":1}')
        event = await asyncio.wait_for(listener.queue.get(), 3)
        return event.data

    with ThreadPoolExecutor(1) as pool:  # Playwright may hold this thread's loop
        assert pool.submit(asyncio.run, main()).result() == '{"x":1}'


def test_a_restarted_process_does_not_know_old_ids():
    """In process, ids carry the process's start: after a restart, reload."""
    before = LocalBus()
    old = before.publish(1, "comment", "{}")
    assert LocalBus().open(1, Listener(), old).missed is None


def test_redis_ids_older_than_the_retention_ask_for_a_reload(redis_bus):
    redis_bus.publish(11, "comment", "{}")
    assert redis_bus.open(11, Listener(), "1000-0").missed is None


def test_redis_channels_carry_the_prefix(redis_bus):
    """Channels are global across Redis dbs: each bus has its own."""
    assert redis_bus.channel.startswith(redis_bus.prefix)
    assert redis_bus.key(3).startswith(redis_bus.prefix)


def test_the_default_prefix_names_the_redis_db(settings):
    from parley.live import conf

    settings.PARLEY_LIVE_REDIS_URL = "redis://127.0.0.1:6379/11"
    settings.PARLEY_LIVE_CHANNEL_PREFIX = ""
    assert conf.channel_prefix() == "parley:live:11:"
    settings.PARLEY_LIVE_CHANNEL_PREFIX = "site-b:"
    assert conf.channel_prefix() == "site-b:"


def test_losing_redis_ends_the_streams(redis_bus):
    """When the listener loses Redis, every inbox is told to close, so that
    readers reconnect and resume from what Redis holds."""
    listener = Listener()
    redis_bus.open(12, listener, "")
    redis_bus.topics.deliver(None, CLOSE)
    assert listener.queue.get(timeout=1) is CLOSE


def test_deployment_checks_warn_of_a_bus_without_redis(settings):
    from django.core import checks

    settings.PARLEY_LIVE_REDIS_URL = ""
    found = {m.id for m in checks.run_checks(include_deployment_checks=True)}
    assert "live.W001" in found
    settings.PARLEY_LIVE_REDIS_URL = "redis://127.0.0.1:6379/11"
    found = {m.id for m in checks.run_checks(include_deployment_checks=True)}
    assert "live.W001" not in found

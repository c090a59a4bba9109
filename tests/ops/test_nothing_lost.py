"""
Nothing acknowledged is ever lost: concurrent writers, a worker killed with
SIGKILL, and the database or cache restarted under load.
"""

import os
import signal
import subprocess
import threading
import time
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test import override_settings

from parley.discussions.models import Comment, Thread, Vote
from parley.discussions.tokens import voter_from_token
from tests.ops.conftest import APP_SECRET_KEY
from tests.ops.load import Acknowledged, run_load

pytestmark = pytest.mark.django_db(transaction=True)
ON_POSTGRES = bool(os.environ.get("DATABASE_URL", "").startswith("postgres"))


def assert_nothing_lost(thread_key: str, ack: Acknowledged) -> None:
    connection.close()  # a fresh connection: see what is committed, nothing else
    thread = Thread.objects.get(key=thread_key)
    stored = {c.pk: c for c in Comment.objects.filter(thread=thread)}
    assert ack.comments, "the load acknowledged no comment at all"
    for comment_id, (parent, marker) in ack.comments.items():
        assert comment_id in stored, f"acknowledged comment {comment_id} is missing"
        assert stored[comment_id].parent_id == parent
        assert stored[comment_id].body_markdown == marker
    copies = Counter(c.body_markdown for c in stored.values())
    assert max(copies.values()) == 1, "a comment was stored twice"
    for comment in stored.values():
        if comment.parent_id is not None:
            parent = stored[comment.parent_id]
            assert comment.depth == parent.depth + 1
            assert comment.root_id == (parent.root_id or parent.pk)
    tallies = {
        row["comment"]: row
        for row in Vote.objects.filter(comment__thread=thread)
        .values("comment")
        .annotate(
            total=Sum("value"),
            up=Count("pk", filter=Q(value=1)),
            down=Count("pk", filter=Q(value=-1)),
        )
    }
    for comment in stored.values():
        tally = tallies.get(comment.pk, {"total": 0, "up": 0, "down": 0})
        assert (comment.score, comment.upvotes, comment.downvotes) == (
            tally["total"],
            tally["up"],
            tally["down"],
        )
    stored_votes = {
        (v.voter, v.comment_id): v.value
        for v in Vote.objects.filter(comment__thread=thread)
    }
    with override_settings(SECRET_KEY=APP_SECRET_KEY):  # the app processes' key
        voters = {token: voter_from_token(token) for token, _ in ack.votes if token}
    for (token, comment_id), value in ack.votes.items():
        assert stored_votes.get((voters.get(token), comment_id), 0) == value
    assert thread.comment_count == len(stored)


def test_sixteen_concurrent_writers_lose_nothing(start_app):
    """16 clients x 500 comments, replies and votes, against two worker processes."""
    app = start_app("writers", workers=2)
    ack = run_load(app.port, "load:writers", clients=16, operations=500, seconds=240)
    assert not ack.failures
    assert set(ack.statuses) <= {200, 201}, ack.statuses
    assert sum(ack.statuses.values()) == 16 * 500
    assert_nothing_lost("load:writers", ack)


def test_worker_killed_mid_load_loses_nothing_acknowledged(start_app):
    app = start_app("killed", workers=2)
    ack = Acknowledged()
    load = threading.Thread(
        target=run_load,
        args=(app.port, "load:killed"),
        kwargs={"clients": 8, "operations": 400, "seconds": 60, "ack": ack},
    )
    load.start()
    time.sleep(2)
    victims = app.worker_pids()
    assert victims, "no worker process found"
    os.kill(victims[0], signal.SIGKILL)
    load.join(timeout=120)
    assert 500 not in ack.statuses
    assert_nothing_lost("load:killed", ack)
    assert app.request("GET", "/api/v1/threads/load:killed/comments")[0] == 200


def _postgres_cluster() -> tuple[str, str]:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return version, "main"


def restart_postgres() -> None:
    version, cluster = _postgres_cluster()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],
        check=True,
        capture_output=True,
        timeout=60,
    )


def restart_redis() -> None:
    subprocess.run(
        ["redis-cli", "-p", "6379", "shutdown", "nosave"],
        capture_output=True,
        timeout=30,
    )
    time.sleep(1)
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            "6379",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )


def _load_through_a_restart(app, key: str, restart) -> tuple[Acknowledged, float]:
    """Run a load, restart a service 3 s in, and return the acknowledgements and
    how long the app took to answer 200 again after the service was back."""
    ack = Acknowledged()
    load = threading.Thread(
        target=run_load,
        args=(app.port, key),
        kwargs={"clients": 6, "operations": 100_000, "seconds": 14, "ack": ack},
    )
    load.start()
    time.sleep(3)
    try:
        restart()
    finally:
        back = time.monotonic()
    recovered = None
    while time.monotonic() - back < 30:
        if app.request("GET", f"/api/v1/threads/{key}/comments")[0] == 200:
            recovered = time.monotonic() - back
            break
        time.sleep(0.1)
    load.join(timeout=60)
    assert recovered is not None, "the app did not recover within 30 s"
    return ack, recovered


@pytest.mark.skipif(not ON_POSTGRES, reason="restarts the PostgreSQL server")
def test_postgres_restart_under_load_fails_cleanly_and_recovers(start_app):
    app = start_app("pg-restart", workers=2)
    ack, recovered = _load_through_a_restart(app, "load:pg-restart", restart_postgres)
    assert set(ack.statuses) <= {200, 201, 503}, ack.statuses
    assert ack.retry_hints == ack.statuses[503]
    assert recovered < 10
    assert_nothing_lost("load:pg-restart", ack)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="restarts the Redis server")
def test_redis_restart_under_load_costs_only_speed(start_app):
    app = start_app("redis-restart", workers=2)
    ack, recovered = _load_through_a_restart(app, "load:redis-restart", restart_redis)
    assert set(ack.statuses) <= {200, 201}, ack.statuses
    assert not ack.failures
    assert recovered < 5
    assert_nothing_lost("load:redis-restart", ack)

"""
Open event streams on one thread: how many one machine holds, how fast one
new comment reaches all of them, what each costs in memory, and how long a
comment post takes while they are open. Loopback only, bounded in time.

Parley runs as `make serve-prod` runs it (granian's ASGI interface,
parley/config/asgi.py) against a fresh SQLite database, with one app process
and its in-process bus, or with --redis-url, two processes and Redis pub/sub
(the streams spread over both). This script opens --streams streams (each a
plain HTTP/1.1 connection reading Server-Sent Events, as a browser's
EventSource does), posts --posts comments one after another through the API,
and for each notes when every stream has it.

    .venv/bin/python benchmarks/streams.py --streams 5000 --posts 10
"""

import argparse
import asyncio
import http.client
import json
import os
import resource
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.servers import start, stop, wait_ready

KEY = "bench:live"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def rss_kb(main_pid: int) -> int:
    """Resident memory of a server's worker processes (children of its main)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != main_pid:
                continue
            status = (stat.parent / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def start_parley(work: Path, port: int, redis_url: str, workers: int):
    env = {
        "DJANGO_SETTINGS_MODULE": "parley.config.settings.base",
        "PARLEY_VAR_DIR": str(work),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{work / 'streams.sqlite3'}",
        # The posts are this script's, one after another: the content checks
        # run; proof of work and rate limits (one address) are off.
        "PARLEY_INTAKE_CHECKS": "parley.moderation.checks.ContentRulesCheck",
        "PARLEY_RATE_LIMIT_COMMENT": "",
        "PARLEY_RATE_LIMIT_NEW_VOTER": "",
        "PARLEY_WSGI_THREADS": "2",
        "PARLEY_LIVE_CHANNEL_PREFIX": f"parley:live:bench-{secrets.token_hex(4)}:",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from parley.discussions.actions import get_or_create_thread

    call_command("migrate", verbosity=0)
    get_or_create_thread(KEY, title="Streams benchmark")
    connections.close_all()
    log = work / "parley.log"
    process = start(
        [
            str(Path(sys.executable).with_name("granian")),
            "--interface",
            "asginl",
            "--workers",
            str(workers),
            "--backpressure",
            "20000",
            "--backlog",
            "4096",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ws",
            "--log-level",
            "warning",
            "parley.config.asgi:application",
        ],
        env,
        log,
    )
    wait_ready(f"http://127.0.0.1:{port}/api/v1/counts?thread={KEY}", process, log)
    return process


class Streams:
    """Many open streams, each noting when each comment reached it."""

    def __init__(self, port: int):
        self.port = port
        self.arrivals: dict[int, list[float]] = {}
        self.open = 0
        self.failed = 0
        self.tasks: list[asyncio.Task] = []

    async def open_all(self, count: int, at_once: int = 200) -> None:
        gate = asyncio.Semaphore(at_once)
        ready = [asyncio.get_running_loop().create_future() for _ in range(count)]
        for future in ready:
            self.tasks.append(asyncio.create_task(self._read(gate, future)))
        await asyncio.gather(*ready)

    async def _read(self, gate, ready) -> None:
        try:
            async with gate:
                reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.write(
                    f"GET /api/v1/threads/{KEY}/events HTTP/1.1\r\n"
                    f"Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode()
                )
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
                if b" 200 " not in head.split(b"\r\n", 1)[0]:
                    raise ConnectionError(head[:80])
                while b"event: ready" not in await reader.readuntil(b"\n\n"):
                    pass
            self.open += 1
            ready.set_result(True)
        except Exception:
            self.failed += 1
            ready.set_result(False)
            return
        try:
            while True:
                block = await reader.readuntil(b"\n\n")
                if b"event: comment" in block:
                    now = time.monotonic()
                    data = block.split(b"data: ", 1)[1]
                    comment_id = json.loads(data)["comment"]["id"]
                    self.arrivals.setdefault(comment_id, []).append(now)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            writer.close()


def post_comment(port: int, n: int) -> tuple[int, float, float]:
    """Post one comment; return its id, when it was sent and the post's time."""
    body = json.dumps({"body": f"Comment number {n} for everyone.", "name": "Ada"})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = time.monotonic()
    connection.request(
        "POST",
        f"/api/v1/threads/{KEY}/comments",
        body,
        {"Content-Type": "application/json"},
    )
    response = connection.getresponse()
    answer = json.loads(response.read())
    took = time.monotonic() - sent
    connection.close()
    if response.status != 201:
        raise SystemExit(f"post refused: {response.status} {answer}")
    return answer["id"], sent, took


async def run(args, server, workers: int) -> dict:
    streams = Streams(args.port)
    try:
        baseline_posts = [
            (await asyncio.to_thread(post_comment, args.port, -n))[2] for n in range(5)
        ]
        memory_before = rss_kb(server.pid)
        started = time.monotonic()
        await asyncio.wait_for(streams.open_all(args.streams), args.timeout)
        opened_in = time.monotonic() - started
        await asyncio.sleep(1)
        memory_after = rss_kb(server.pid)
        fan_out, post_times = [], []
        for n in range(args.posts):
            comment_id, sent, took = await asyncio.to_thread(post_comment, args.port, n)
            post_times.append(took)
            deadline = time.monotonic() + 10
            while (
                len(streams.arrivals.get(comment_id, [])) < streams.open
                and time.monotonic() < deadline
            ):
                await asyncio.sleep(0.01)
            arrivals = streams.arrivals.get(comment_id, [])
            fan_out.append((len(arrivals), [t - sent for t in arrivals]))
            await asyncio.sleep(0.2)
    finally:
        for task in streams.tasks:
            task.cancel()
        stop(server)
    delays = [d for _count, ds in fan_out for d in ds]
    return {
        "streams_asked": args.streams,
        "streams_open": streams.open,
        "streams_failed": streams.failed,
        "opened_in_s": round(opened_in, 1),
        "workers": workers,
        "bus": "Redis pub/sub" if args.redis_url else "in process",
        "kb_per_stream": round(
            (memory_after - memory_before) / max(streams.open, 1), 1
        ),
        "server_rss_mb": round(memory_after / 1024),
        "posts": args.posts,
        "reached_all": sum(count == streams.open for count, _ds in fan_out),
        "delivery_p50_ms": round(percentile(delays, 0.5) * 1000),
        "delivery_p99_ms": round(percentile(delays, 0.99) * 1000),
        "delivery_max_ms": round(max(delays) * 1000),
        "post_p50_ms_open": round(statistics.median(post_times) * 1000),
        "post_max_ms_open": round(max(post_times) * 1000),
        "post_p50_ms_before": round(statistics.median(baseline_posts) * 1000),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--streams", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=10)
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument("--redis-url", default="", help="two processes, Redis bus")
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds to open the streams"
    )
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    workers = 2 if args.redis_url else 1
    work = Path(tempfile.mkdtemp(prefix="parley-streams-"))
    server = start_parley(work, args.port, args.redis_url, workers)
    result = asyncio.run(run(args, server, workers))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

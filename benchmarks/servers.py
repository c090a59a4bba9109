"""
The two systems under test, started on loopback ports with the same number of
worker processes: Parley under granian (with the workload loaded through its
models, and a static-file route for the limit) and Isso under gunicorn (its own
virtualenv, its rate limit raised); stopped, and their workers' peak memory read.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from loaders import load_isso, load_parley
from workload import articles

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ISSO_VENV = HERE / ".isso-venv"
ISSO_REQUIREMENTS = ["isso==0.14.0", "gunicorn>=23,<28"]
WORKERS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(
    url: str, process: subprocess.Popen, log: Path, timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server not ready at {url}:\n{log.read_text()[-3000:]}")


def start(
    command: list[str], env: dict, log: Path, cwd: Path = ROOT
) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def worker_peak_rss_mb(main_pid: int) -> list[float]:
    """Peak resident memory (VmHWM) of each child process of a server, in MB."""
    peaks = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent != main_pid:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, ValueError):
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return sorted(peaks)


def ensure_isso_venv() -> Path:
    python = ISSO_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(ISSO_VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *ISSO_REQUIREMENTS], check=True
    )
    return python


def start_isso(work: Path, threads) -> tuple[subprocess.Popen, str, dict]:
    python = ensure_isso_venv()
    port = free_port()
    db_path = work / "isso.db"
    config = work / "isso.cfg"
    config.write_text(
        f"""[general]
dbpath = {db_path}
host = http://127.0.0.1:{port}/
max-age = 15m
notify = stdout
[moderation]
enabled = false
[guard]
enabled = true
ratelimit = 1000000
direct-reply = 1000000
reply-to-self = true
require-author = false
require-email = false
"""
    )
    env = {"ISSO_SETTINGS": str(config)}
    # Let Isso create its tables, then load the workload into them.
    subprocess.run(
        [str(python), "-c", "import isso.run"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    ids = load_isso(threads, str(db_path))
    log = work / "isso.log"
    process = start(
        [
            str(ISSO_VENV / "bin" / "gunicorn"),
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "isso.run:application",
        ],
        env,
        log,
    )
    base = f"http://127.0.0.1:{port}"
    wait_ready(f"{base}/?uri=/bench-1", process, log)
    return process, base, ids


def start_parley(
    work: Path,
    threads,
    database_url: str | None,
    redis_url: str | None,
    blocking: int,
    interface: str = "asgi",
):
    port = free_port()
    var = work / "parley-var"
    static = work / "static-limit"
    static.mkdir()
    env = {
        "DJANGO_SETTINGS_MODULE": "parley.config.settings.base",
        "PARLEY_VAR_DIR": str(var),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url or f"sqlite:///{var / 'bench.sqlite3'}",
        # Every intake check runs, as in production. Like Isso's rate limit, the
        # limits are raised: all of wrk's readers share one address. The
        # proof-of-work search space is small so that this script can solve
        # thousands of challenges beforehand (the reader's browser's work, not
        # the server's: verifying costs one hash whatever the size).
        "PARLEY_CHALLENGE_MAXNUMBER": "1000",
        "PARLEY_CHALLENGE_MAXNUMBER_CEILING": "1000",
        **{
            f"PARLEY_RATE_LIMIT_{action}": ""
            for action in ("COMMENT", "THREAD", "VOTE", "NEW_VOTER", "CHALLENGE")
        },
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    # Served as `make serve-prod` serves it: ASGI (event streams on the loop,
    # the rest through core/wsgi_bridge.py's threads), or granian's WSGI interface alone.
    env["PARLEY_WSGI_THREADS"] = str(blocking)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if database_url:
        call_command("flush", interactive=False, verbosity=0)
    if redis_url:  # nothing cached by an earlier run may answer for this one
        from django.core.cache import caches

        for cache in caches.all():
            cache.clear()
    site = load_parley(threads, articles())
    from django.db import connections

    connections.close_all()
    log = work / "parley.log"
    process = start(
        [
            str(Path(sys.executable).with_name("granian")),
            *(
                ["--interface", "asginl"]
                if interface == "asgi"
                else ["--interface", "wsgi", "--blocking-threads", str(blocking)]
            ),
            "--workers",
            str(WORKERS),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ws",
            "--log-level",
            "warning",
            "--static-path-route",
            "/bench-static",
            "--static-path-mount",
            str(static),
            f"parley.config.{interface}:application",
        ],
        env,
        log,
    )
    base = f"http://127.0.0.1:{port}"
    wait_ready(f"{base}/api/v1/counts?thread={site.keys['bench-1']}", process, log)
    return process, base, site, static

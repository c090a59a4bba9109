"""Start real app processes (granian, production settings) against the test database."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT, database_url

GRANIAN = Path(sys.executable).with_name("granian")
# Production settings refuse a weak key: this one is long and random, and fixed
# so that the test process can sign what the app processes accept.
APP_SECRET_KEY = "k7Vq2xR9-mZp4Lw8_tNc3Hy6bJf1Gd5sQe0uAo7iXr2Wv9Kz4Pn8MyT6"


LOAD_TEST_CHECKS = [
    "parley.moderation.checks.AuthorStandingCheck",
    "parley.moderation.checks.ThreadPolicyCheck",
    "parley.moderation.checks.ContentRulesCheck",
]
RATE_LIMITED = ["COMMENT", "VOTE", "REPORT", "THREAD", "NEW_VOTER", "CHALLENGE"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppProcess:
    def __init__(
        self,
        tmp_path: Path,
        name: str,
        workers: int = 1,
        env: dict | None = None,
        pages: bool = False,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "parley.config.settings.prod",
            "DATABASE_URL": database_url(),
            "SECRET_KEY": APP_SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain http on loopback: no redirect to https, cookies without Secure.
            "PARLEY_PLAIN_HTTP": "1",
            "PARLEY_VAR_DIR": str(tmp_path / "var"),
            # These tests prove durability under load, not the intake: their
            # clients are scripts without proof of work, all from one address,
            # writing generated text. So the content checks run; bot protection,
            # rate limits and the toxicity model are off (make bench measures
            # posting with every check).
            "PARLEY_INTAKE_CHECKS": ",".join(LOAD_TEST_CHECKS),
            **{f"PARLEY_RATE_LIMIT_{action}": "" for action in RATE_LIMITED},
            **(env or {}),
        }
        if pages:  # production serves static files from a manifest
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=120,
            )
        # Served as `make serve-prod` serves it (parley/config/asgi.py): event
        # streams on the event loop, every other request to the WSGI application
        # in 4 threads a worker.
        env.setdefault("PARLEY_WSGI_THREADS", "4")
        command = [
            str(GRANIAN),
            "--interface",
            "asginl",
            "--workers",
            str(workers),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--no-ws",
            "--log-level",
            "warning",
            "--respawn-failed-workers",
            "parley.config.asgi:application",
        ]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()  # never leave a half-started server behind
            raise

    def _wait_until_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app process died:\n{self.log.read_text()}")
            # Any answer will do (a redirect to https too): the server is up.
            probe = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                probe.request("GET", "/api/v1/counts?thread=x")
                probe.getresponse().read()
                return
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
            finally:
                probe.close()
        raise RuntimeError(f"app process not ready:\n{self.log.read_text()}")

    def request(self, method: str, path: str, body=None, headers=None):
        """Return (status, headers, parsed JSON or None)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                raw = response.read()
                return (
                    response.status,
                    response.headers,
                    json.loads(raw) if raw else None,
                )
        except urllib.error.HTTPError as error:
            raw = error.read()
            return error.code, error.headers, json.loads(raw) if raw else None

    def worker_pids(self) -> list[int]:
        """Return the pids of the server's worker processes (children of its main)."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()


@pytest.fixture
def start_app(tmp_path, transactional_db):
    started: list[AppProcess] = []

    def start(
        name: str, workers: int = 1, env: dict | None = None, pages: bool = False
    ) -> AppProcess:
        app = AppProcess(tmp_path, name, workers, env, pages)
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()

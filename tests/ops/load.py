"""
A bounded loopback load of comments, replies and votes that records exactly what
the server acknowledged, so a test can check that nothing acknowledged was lost.
"""

import http.client
import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from parley.discussions.actions import get_or_create_thread


@dataclass
class Acknowledged:
    comments: dict[int, tuple[int | None, str]] = field(default_factory=dict)
    votes: dict[tuple[str, int], int] = field(
        default_factory=dict
    )  # (voter, id) -> value
    # Votes whose outcome is unknown (connection lost, 503): not checked.
    uncertain_votes: set[tuple[str, int]] = field(default_factory=set)
    statuses: Counter = field(default_factory=Counter)
    retry_hints: int = 0
    failures: list[str] = field(default_factory=list)  # connection-level
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    """One loopback client on a keep-alive connection."""

    def __init__(
        self, port: int, number: int, thread_key: str, ack: Acknowledged, seed: int
    ):
        self.port, self.number, self.key, self.ack = port, number, thread_key, ack
        self.random = random.Random(seed)
        self.voter_token = ""
        self.voter_id = f"client-{number}"
        self.connection = None

    def _send(self, method: str, path: str, body: dict | None):
        headers = {"Content-Type": "application/json"}
        if self.voter_token:
            headers["X-Parley-Voter"] = self.voter_token
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=30
                )
            self.connection.request(
                method, path, json.dumps(body) if body else None, headers
            )
            response = self.connection.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as error:
            # Outcome unknown (connection lost): not acknowledged.
            self.connection = None
            with self.ack.lock:
                self.ack.failures.append(type(error).__name__)
            return None, None, None
        with self.ack.lock:
            self.ack.statuses[response.status] += 1
            if response.status == 503 and response.getheader("Retry-After"):
                self.ack.retry_hints += 1
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = None
        return response.status, response, payload

    def run(self, operations: int, deadline: float) -> None:
        path = f"/api/v1/threads/{self.key}/comments"
        for step in range(operations):
            if time.monotonic() > deadline:
                return
            with self.ack.lock:
                known = list(self.ack.comments)
            choice = self.random.random()
            if choice < 0.35 or not known:
                self._post(path, None, step)
            elif choice < 0.6:
                self._post(path, self.random.choice(known), step)
            else:
                self._vote(self.random.choice(known))
        if self.connection is not None:
            self.connection.close()

    def _post(self, path: str, parent: int | None, step: int) -> None:
        marker = f"client {self.number} step {step} {self.random.random():.12f}"
        body = {"body": marker, "name": f"Client {self.number}", "parent": parent}
        status, _, payload = self._send("POST", path, body)
        if status == 201:
            with self.ack.lock:
                self.ack.comments[payload["id"]] = (parent, marker)

    def _vote(self, comment_id: int) -> None:
        value = self.random.choice([1, 1, -1, 0])
        status, _, payload = self._send(
            "POST", f"/api/v1/comments/{comment_id}/vote", {"value": value}
        )
        with self.ack.lock:
            if status == 200:
                if payload.get("voter_token"):
                    self.voter_token = payload["voter_token"]
                self.ack.votes[(self.voter_token, comment_id)] = payload["my_vote"]
                self.ack.uncertain_votes.discard((self.voter_token, comment_id))
            elif status is None or status >= 500:
                self.ack.votes.pop((self.voter_token, comment_id), None)
                self.ack.uncertain_votes.add((self.voter_token, comment_id))


def run_load(
    port: int,
    thread_key: str,
    *,
    clients: int,
    operations: int,
    seconds: float,
    ack: Acknowledged | None = None,
    seed: int = 7,
) -> Acknowledged:
    """Run concurrent clients for at most `seconds`; return what was acknowledged.
    The thread exists first, as the thread of an article or an embedding page."""
    get_or_create_thread(thread_key)
    ack = ack or Acknowledged()
    deadline = time.monotonic() + seconds
    workers = [
        threading.Thread(
            target=Client(port, n, thread_key, ack, seed * 1000 + n).run,
            args=(operations, deadline),
        )
        for n in range(clients)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=seconds + 60)
    return ack

"""Votes at a steady rate while wrk reads: a viral article is voted on as it is read."""

import threading
import time
import urllib.request


class Voter:
    """Cast `per_second` votes a second, each by a new reader, while in use
    (from a few threads, so that one slow answer doesn't slow the rate)."""

    THREADS = 4

    def __init__(self, base: str, comment_ids: list[int], per_second: int):
        self.base, self.ids, self.per_second = base, comment_ids, per_second
        self.stopping = threading.Event()
        self.counts = [0] * self.THREADS
        self.threads = [
            threading.Thread(target=self._vote, args=(n,), daemon=True)
            for n in range(self.THREADS)
        ]

    @property
    def sent(self) -> int:
        return sum(self.counts)

    def _vote(self, n: int) -> None:
        started, rate = time.monotonic(), self.per_second / self.THREADS
        while not self.stopping.is_set():
            comment = self.ids[(self.counts[n] * self.THREADS + n) % len(self.ids)]
            request = urllib.request.Request(
                f"{self.base}/api/v1/comments/{comment}/vote",
                data=b'{"value": 1}',
                method="POST",
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
            self.counts[n] += 1
            delay = started + self.counts[n] / rate - time.monotonic()
            if delay > 0:
                self.stopping.wait(delay)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

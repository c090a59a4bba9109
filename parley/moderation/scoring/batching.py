"""Let posts arriving together share one model call.

Threads of one process hand their texts to a worker thread, which scores
whatever has queued up (up to ``max_batch`` texts, waiting at most
``max_wait_ms`` for more) in one call. Idle, a text is scored at once; under
load, texts queue while the model is busy and ride along in the next call.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from dataclasses import dataclass, field

from .base import Scorer, Scores


@dataclass
class _Request:
    texts: list[str]
    done: threading.Event = field(default_factory=threading.Event)
    results: list[Scores] | None = None
    error: BaseException | None = None


class BatchingScorer:
    """Wrap a scorer so that concurrent callers are batched into shared calls."""

    def __init__(self, scorer: Scorer, max_batch: int = 32, max_wait_ms: float = 0.0):
        self.scorer = scorer
        self.name = scorer.name
        self.max_batch = max_batch
        self.max_wait = max_wait_ms / 1000
        self.calls = 0  # model calls made, for tests and benchmarks
        self._start_lock = threading.Lock()
        self._pid: int | None = None
        self._queue: queue.SimpleQueue[_Request] = queue.SimpleQueue()

    def score(self, texts: list[str]) -> list[Scores]:
        if not texts:
            return []
        request = _Request(list(texts))
        self._ensure_worker().put(request)
        request.done.wait()
        if request.error is not None:
            raise request.error
        return request.results

    def _ensure_worker(self) -> queue.SimpleQueue:
        # A forked app worker inherits the object but not the thread: start anew.
        with self._start_lock:
            if self._pid != os.getpid():
                self._queue = queue.SimpleQueue()
                self._pid = os.getpid()
                threading.Thread(
                    target=self._run,
                    args=(self._queue,),
                    name="parley-scoring",
                    daemon=True,
                ).start()
            return self._queue

    def _run(self, requests: queue.SimpleQueue) -> None:
        while True:
            batch = [requests.get()]
            size = len(batch[0].texts)
            deadline = time.monotonic() + self.max_wait
            while size < self.max_batch:
                try:
                    remaining = deadline - time.monotonic()
                    more = (
                        requests.get(timeout=remaining)
                        if remaining > 0
                        else requests.get_nowait()
                    )
                except queue.Empty:
                    break
                batch.append(more)
                size += len(more.texts)
            self._serve(batch)

    def _serve(self, batch: list[_Request]) -> None:
        texts = [text for request in batch for text in request.texts]
        try:
            self.calls += 1
            results = self.scorer.score(texts)
        except Exception as error:  # handed to every caller, who decides
            for request in batch:
                request.error = error
                request.done.set()
            return
        start = 0
        for request in batch:
            request.results = results[start : start + len(request.texts)]
            start += len(request.texts)
            request.done.set()

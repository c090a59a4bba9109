"""The scorer contract: texts in, per-attribute scores in 0..1 and spans out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

TOXICITY = "toxicity"
#: The attributes a scorer may report besides toxicity (Perspective's, lower case).
ATTRIBUTES = ("toxicity", "insult", "identity_attack", "profanity", "threat")


class ScoringError(RuntimeError):
    """A scorer could not score (remote down, model missing); the caller decides."""


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the text that drove an attribute's score."""

    start: int
    end: int
    attribute: str
    weight: float


@dataclass(frozen=True)
class Scores:
    """One text's scores; ``attributes`` always holds "toxicity"."""

    attributes: dict[str, float]
    spans: tuple[Span, ...] = field(default=())

    @property
    def toxicity(self) -> float:
        return self.attributes[TOXICITY]


@runtime_checkable
class Scorer(Protocol):
    name: str

    def score(self, texts: list[str]) -> list[Scores]: ...


class CombinedScorer:
    """Several scorers as one: each attribute takes the highest score any gives.

    The maximum, not the mean, so that a high-precision scorer (the rules) can
    hold a comment the model rates low without being averaged away, and spans
    from all of them reach the desk.
    """

    def __init__(self, scorers: list[Scorer]):
        if not scorers:
            raise ValueError("CombinedScorer needs at least one scorer.")
        self.scorers = list(scorers)
        self.name = "+".join(scorer.name for scorer in self.scorers)

    def score(self, texts: list[str]) -> list[Scores]:
        results = [scorer.score(texts) for scorer in self.scorers]
        return [combine([r[i] for r in results]) for i in range(len(texts))]


def combine(scores: list[Scores]) -> Scores:
    """Return the per-attribute maximum of ``scores`` and all their spans."""
    attributes: dict[str, float] = {}
    for one in scores:
        for name, value in one.attributes.items():
            attributes[name] = max(value, attributes.get(name, 0.0))
    spans = tuple(
        sorted({s for one in scores for s in one.spans}, key=lambda s: s.start)
    )
    return Scores(attributes=attributes, spans=spans)


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence, trimmed, so spans can be scored."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]

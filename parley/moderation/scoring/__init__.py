"""Toxicity scoring for the comment intake.

``get_scorer().score(texts)`` returns one Scores per text; the intake check
compares ``toxicity`` with ``hold_threshold()`` and ``reject_threshold()``.
Which scorers run is the setting PARLEY_TOXICITY_SCORERS.
"""

from __future__ import annotations

from functools import cache

from django.utils.module_loading import import_string

from . import conf
from .base import CombinedScorer, Scorer, Scores, ScoringError, Span
from .batching import BatchingScorer

__all__ = [
    "BatchingScorer",
    "CombinedScorer",
    "Scorer",
    "Scores",
    "ScoringError",
    "Span",
    "build_scorer",
    "get_scorer",
    "hold_threshold",
    "reject_threshold",
]


def build_scorer(entries: list) -> Scorer:
    """Return a scorer from setting entries: dotted paths or ``{"NAME", "OPTIONS"}``."""
    scorers = []
    for entry in entries:
        if isinstance(entry, str):
            entry = {"NAME": entry}
        scorers.append(import_string(entry["NAME"])(**entry.get("OPTIONS", {})))
    return scorers[0] if len(scorers) == 1 else CombinedScorer(scorers)


@cache
def get_scorer() -> Scorer:
    """Return this process's scorer, built from settings on first use."""
    scorer = build_scorer(conf.scorers())
    options = conf.batching()
    return BatchingScorer(scorer, **options) if options else scorer


def hold_threshold() -> float:
    return conf.hold_threshold()


def reject_threshold() -> float | None:
    return conf.reject_threshold()

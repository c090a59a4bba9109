"""Zero-shot scoring: similarity to written descriptions of what to hold.

No training data: a newsroom edits the descriptions in settings
(PARLEY_TOXICITY_HOLD_DESCRIPTIONS, PARLEY_TOXICITY_ACCEPT_DESCRIPTIONS). It
measured well below the trained heads (docs/toxicity.md), so it is offered as
an adjustable extra, not the default.
"""

from __future__ import annotations

import numpy as np

from .base import Scores
from .embedding import shared_encoder

# How sharply a similarity margin turns into a probability.
TEMPERATURE = 0.02


class ZeroShotScorer:
    """Score each attribute by how much closer a text is to its hold descriptions
    than to the closest description of acceptable speech."""

    name = "zeroshot"

    def __init__(self, hold: dict[str, list[str]] | None = None, accept=None):
        from . import conf

        self.hold = hold or conf.hold_descriptions()
        accept = accept or conf.accept_descriptions()
        self.encoder = shared_encoder()
        self.accept = self.encoder.embed(list(accept))
        self.prototypes = {a: self.encoder.embed(list(d)) for a, d in self.hold.items()}

    def score(self, texts: list[str]) -> list[Scores]:
        embedded = self.encoder.embed(texts)
        acceptable = (embedded @ self.accept.T).max(axis=1)
        columns = {
            attribute: 1
            / (1 + np.exp(-((embedded @ p.T).max(axis=1) - acceptable) / TEMPERATURE))
            for attribute, p in self.prototypes.items()
        }
        results = []
        for i in range(len(texts)):
            attributes = {a: float(c[i]) for a, c in columns.items()}
            attributes["toxicity"] = max(attributes.values(), default=0.0)
            results.append(Scores(attributes=attributes))
        return results

"""The project's labelled comments and the small numpy tools the toxicity scripts share."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data" / "toxicity.tsv"
# Which categories teach which attribute head (toxicity is the label itself).
ATTRIBUTE_CATEGORIES = {
    "insult": {"insult_commenter", "insult_figure", "short_insult"},
    "identity_attack": {"identity_hate", "trope"},
    "threat": {"threat"},
}


@dataclass
class Item:
    text: str
    label: int
    category: str
    split: str


def load(path: Path = DATA) -> list[Item]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Item(r["text"], int(r["label"]), r["category"], r["split"]) for r in rows
        ]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000):
    """Return (weights, bias) of an L2-regularised logistic regression (full-batch GD)."""
    w, b = np.zeros(x.shape[1]), 0.0
    rate = 0.5
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= rate * (x.T @ (p - y) / len(y) + l2 * w / len(y))
        b -= rate * float((p - y).mean())
    return w, b


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve (the chance a positive outranks a negative, ties half)."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return float((greater + ties / 2) / (len(pos) * len(neg)))


def precision_recall(scores: np.ndarray, labels: np.ndarray, threshold: float):
    held = scores >= threshold
    true = int((held & (labels == 1)).sum())
    return true / max(int(held.sum()), 1), true / max(int(labels.sum()), 1)


def best_f1_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """Return the threshold with the best F1, rounded down to 0.05 so it reads as a knob."""
    best, best_f1 = 0.5, -1.0
    for t in np.arange(0.05, 0.96, 0.05):
        p, r = precision_recall(scores, labels, t)
        f1 = 2 * p * r / max(p + r, 1e-9)
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return round(best, 2)

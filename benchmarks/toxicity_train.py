"""Train the built-in scorer's heads on the train and dev splits (never test).

    python benchmarks/toxicity_train.py

Writes parley/moderation/scoring/data/e5_heads.npz and prints the hold
threshold calibrated on out-of-fold scores (5 folds over train+dev).
"""

from __future__ import annotations

import numpy as np
from toxicity_data import (
    ATTRIBUTE_CATEGORIES,
    best_f1_threshold,
    fit_logistic,
    load,
    precision_recall,
)

from parley.moderation.scoring.embedding import HEADS, shared_encoder

# Embeddings are unit vectors; scaling them lets a modest L2 keep heads smooth.
SCALE = 10.0
L2 = 1.0


def main() -> None:
    items = [i for i in load() if i.split in ("train", "dev")]
    x = shared_encoder().embed([i.text for i in items]) * SCALE
    y = np.array([i.label for i in items], dtype=float)

    folds = np.arange(len(items)) % 5
    out_of_fold = np.zeros(len(items))
    for k in range(5):
        w, b = fit_logistic(x[folds != k], y[folds != k], L2)
        out_of_fold[folds == k] = 1 / (1 + np.exp(-(x[folds == k] @ w + b)))
    threshold = best_f1_threshold(out_of_fold, y)
    p, r = precision_recall(out_of_fold, y, threshold)
    print(f"hold threshold {threshold} (out-of-fold precision {p:.2f} recall {r:.2f})")

    names, weights, biases = ["toxicity"], [], []
    w, b = fit_logistic(x, y, L2)
    weights.append(w * SCALE)
    biases.append(b)
    for name, categories in ATTRIBUTE_CATEGORIES.items():
        target = np.array([float(i.category in categories) for i in items])
        w, b = fit_logistic(x, target, L2)
        names.append(name)
        weights.append(w * SCALE)
        biases.append(b)
    np.savez(
        HEADS,
        names=np.array(names),
        weights=np.array(weights, dtype=np.float32),
        biases=np.array(biases, dtype=np.float32),
    )
    print(f"wrote {HEADS}")


if __name__ == "__main__":
    main()

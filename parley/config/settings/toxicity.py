"""Toxicity scoring, read through parley.moderation.scoring.conf; see
docs/toxicity.md."""

import os

# The scorers that run, combined by taking each attribute's maximum: dotted paths
# or {"NAME": path, "OPTIONS": {...}}. Default: the bundled multilingual model and
# the high-precision rules. Others: ...zeroshot.ZeroShotScorer,
# ...perspective.PerspectiveScorer, ...local_model.TransformersScorer.
PARLEY_TOXICITY_SCORERS = [
    "parley.moderation.scoring.embedding.EmbeddingScorer",
    "parley.moderation.scoring.rules.RuleScorer",
]
if os.environ.get("PARLEY_TOXICITY_SCORERS"):
    PARLEY_TOXICITY_SCORERS = os.environ["PARLEY_TOXICITY_SCORERS"].split(",")
# Hold a comment for review at this toxicity (0..1); 0.55 is calibrated for the default
# scorers. Reject outright at PARLEY_TOXICITY_REJECT; unset means never reject.
PARLEY_TOXICITY_HOLD = float(os.environ.get("PARLEY_TOXICITY_HOLD", "0.55"))
PARLEY_TOXICITY_REJECT = (
    float(os.environ["PARLEY_TOXICITY_REJECT"])
    if os.environ.get("PARLEY_TOXICITY_REJECT")
    else None
)
# Concurrent posts in one process share a model call: at most max_batch texts,
# waiting up to max_wait_ms for more (0: only what queued while the model was busy).
# None scores each call directly.
PARLEY_TOXICITY_BATCHING = {"max_batch": 32, "max_wait_ms": 0}
# PerspectiveScorer's address (a Perspective-compatible endpoint) and
# TransformersScorer's model directory (needs the parley[transformers] extra).
PARLEY_PERSPECTIVE_URL = os.environ.get("PARLEY_PERSPECTIVE_URL", "")
PARLEY_TOXICITY_MODEL_PATH = os.environ.get("PARLEY_TOXICITY_MODEL_PATH", "")
# ZeroShotScorer compares comments with these: what to hold, by attribute, and what
# is harsh but acceptable. Unset uses the defaults in parley.moderation.scoring.conf.
# PARLEY_TOXICITY_HOLD_DESCRIPTIONS = {"threat": ["a veiled threat to ..."], ...}
# PARLEY_TOXICITY_ACCEPT_DESCRIPTIONS = ["harsh criticism of a government", ...]

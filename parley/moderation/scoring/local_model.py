"""A newsroom's own fine-tuned (Detoxify-style) transformers classifier on disk.

Needs the optional extra ``parley[transformers]`` (torch, transformers); the
model directory is PARLEY_TOXICITY_MODEL_PATH and is never downloaded.
"""

from __future__ import annotations

import threading

from .base import Scores, ScoringError

# Detoxify's and Jigsaw's label names, and ours.
LABELS = {
    "toxic": "toxicity",
    "toxicity": "toxicity",
    "obscene": "profanity",
    "identity_hate": "identity_attack",
    "identity_attack": "identity_attack",
    "insult": "insult",
    "threat": "threat",
    "severe_toxic": "severe_toxicity",
    "severe_toxicity": "severe_toxicity",
}


class TransformersScorer:
    """Multi-label sigmoid outputs of a sequence classifier, read from ``path``."""

    name = "transformers"

    def __init__(self, path: str | None = None, max_length: int = 256):
        from . import conf

        path = path or conf.model_path()
        if not path:
            raise ScoringError("TransformersScorer needs PARLEY_TOXICITY_MODEL_PATH.")
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as error:
            raise ScoringError(
                "Install parley[transformers] for this scorer."
            ) from error
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(
            path, local_files_only=True
        ).eval()
        labels = self.model.config.id2label
        self.names = [
            LABELS.get(labels[i].lower(), labels[i].lower()) for i in range(len(labels))
        ]
        if "toxicity" not in self.names:
            self.names[0] = "toxicity"  # a single-label model scores toxicity
        self.max_length = max_length
        self._lock = threading.Lock()

    def score(self, texts: list[str]) -> list[Scores]:
        if not texts:
            return []
        batch = self.tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
        )
        with self._lock, self.torch.inference_mode():
            probs = self.torch.sigmoid(self.model(**batch).logits).tolist()
        return [
            Scores(
                attributes={n: float(p) for n, p in zip(self.names, row, strict=True)}
            )
            for row in probs
        ]

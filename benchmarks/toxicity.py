"""Quality and speed of the toxicity scorers on the project's labelled comments.

    DJANGO_SETTINGS_MODULE=parley.config.settings.test python benchmarks/toxicity.py

Quality is measured on the test split only, which no choice was tuned on (the
heads are trained on train+dev by toxicity_train.py). Prints Markdown tables
for docs/toxicity.md. Bounded: a few hundred model calls, no network.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import threading
import time

import django
import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.test")
django.setup()

from toxicity_data import fit_logistic, load, precision_recall, roc_auc  # noqa: E402

from parley.moderation.scoring import BatchingScorer, CombinedScorer, conf  # noqa: E402
from parley.moderation.scoring.base import Scores  # noqa: E402
from parley.moderation.scoring.embedding import EmbeddingScorer  # noqa: E402
from parley.moderation.scoring.rules import RuleScorer  # noqa: E402
from parley.moderation.scoring.zeroshot import ZeroShotScorer  # noqa: E402

# Words that mark a comment as German, French or Spanish for the per-language row.
OTHER_LANGUAGE = {
    *("ich", "du", "der", "die", "das", "und", "nicht", "ist", "sind", "wir", "sie"),
    *("le", "la", "les", "des", "est", "ce", "ces", "une", "pour", "qui"),
    *("el", "los", "las", "es", "una", "que", "por", "de", "del"),
}


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class ProfanityCheck:
    name = "alt-profanity-check"

    def __init__(self):
        from profanity_check import predict_prob

        self.predict = predict_prob

    def score(self, texts):
        return [Scores({"toxicity": float(p)}) for p in self.predict(texts)]


class MiniLMHeads:
    """all-MiniLM-L6-v2 (English, needs torch) with a head trained like ours."""

    name = "minilm-heads"

    def __init__(self, training):
        import tempfile

        from all_minilm_l6_v2 import extract_model
        from sentence_transformers import SentenceTransformer

        path = extract_model(tempfile.mkdtemp())
        self.model = SentenceTransformer(str(path), device="cpu")
        x = self.embed([i.text for i in training])
        self.w, self.b = fit_logistic(x, np.array([i.label for i in training], float))

    def embed(self, texts):
        return self.model.encode(texts, normalize_embeddings=True) * 10

    def score(self, texts):
        p = 1 / (1 + np.exp(-(self.embed(texts) @ self.w + self.b)))
        return [Scores({"toxicity": float(v)}) for v in p]


def candidates(training, minilm):
    model, rules = EmbeddingScorer(), RuleScorer()
    zeroshot = ZeroShotScorer()
    found = {
        "rules": rules,
        "e5 zero-shot": zeroshot,
        "e5 zero-shot + rules": CombinedScorer([zeroshot, rules]),
        "e5 heads": model,
        "e5 heads + rules (default)": CombinedScorer([model, rules]),
    }
    with contextlib.suppress(ImportError):
        found["alt-profanity-check"] = ProfanityCheck()
    if minilm:  # loads torch, whose threads then skew the timings below
        found["minilm heads"] = MiniLMHeads(training)
    return found


def quality(found, test, threshold):
    labels = np.array([i.label for i in test])
    other = np.array([bool(OTHER_LANGUAGE & set(i.text.lower().split())) for i in test])
    print(
        f"\nHeld-back test split: {len(test)} comments ({int(labels.sum())} to hold, "
        f"{int(other.sum())} in de/fr/es); precision and recall at {threshold}.\n"
    )
    print("| candidate | ROC-AUC | AUC en | AUC de/fr/es | precision | recall |")
    print("|---|---|---|---|---|---|")
    for name, scorer in found.items():
        s = np.array([x.toxicity for x in scorer.score([i.text for i in test])])
        p, r = precision_recall(s, labels, threshold)
        print(
            f"| {name} | {roc_auc(s, labels):.3f} | {roc_auc(s[~other], labels[~other]):.3f} "
            f"| {roc_auc(s[other], labels[other]):.3f} | {p:.2f} | {r:.2f} |"
        )
    return found


def recall_by_category(scorer, test, threshold):
    print("\nDefault scorer on the test split, share held by category:\n")
    print("| category | label | comments | held |")
    print("|---|---|---|---|")
    scores = scorer.score([i.text for i in test])
    for category in sorted({i.category for i in test}):
        picked = [
            (i, s) for i, s in zip(test, scores, strict=True) if i.category == category
        ]
        held = sum(s.toxicity >= threshold for _, s in picked)
        print(
            f"| {category} | {picked[0][0].label} | {len(picked)} | {held / len(picked):.0%} |"
        )


def speed(scorer, texts, rounds):
    texts = (texts * (rounds // len(texts) + 1))[:rounds]
    start = time.perf_counter()
    one = []
    for text in texts:
        t = time.perf_counter()
        scorer.score([text])
        one.append(time.perf_counter() - t)
    single = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    for k in range(0, len(texts), 32):
        scorer.score(texts[k : k + 32])
    batched = len(texts) / (time.perf_counter() - start)
    print(
        f"\nThroughput ({len(texts)} comments): one by one {single:.0f}/s "
        f"(per call p50 {pct(one, 50):.1f} ms, p99 {pct(one, 99):.1f} ms); "
        f"batches of 32 {batched:.0f}/s\n"
    )


def pct(values, q):
    return float(np.percentile(values, q)) * 1000


def concurrent(scorer, texts, threads, per_thread, gap_ms):
    """Each thread posts per_thread comments with a pause between; return latencies."""
    latencies, lock = [], threading.Lock()

    def poster(offset):
        for n in range(per_thread):
            text = texts[(offset * per_thread + n) % len(texts)]
            t = time.perf_counter()
            scorer.score([text])
            with lock:
                latencies.append(time.perf_counter() - t)
            time.sleep(gap_ms / 1000)

    workers = [threading.Thread(target=poster, args=(k,)) for k in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, len(latencies) / (time.perf_counter() - start)


def batching(scorer, texts, per_thread, gap_ms):
    print(f"Concurrent callers, each posting with {gap_ms:.0f} ms between posts:\n")
    print("| callers | scorer | model calls | comments/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for threads in (1, 2, 4):
        for label, wrapped in (
            ("direct (locked)", scorer),
            ("BatchingScorer", BatchingScorer(scorer, max_batch=32, max_wait_ms=0)),
            (
                "BatchingScorer 3 ms",
                BatchingScorer(scorer, max_batch=32, max_wait_ms=3),
            ),
        ):
            lat, rate = concurrent(wrapped, texts, threads, per_thread, gap_ms)
            calls = getattr(wrapped, "calls", len(lat))
            print(
                f"| {threads} | {label} | {calls} | {rate:.0f} | "
                f"{statistics.median(lat) * 1000:.1f} | {pct(lat, 99):.1f} |"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--per-thread", type=int, default=40)
    parser.add_argument("--gap-ms", type=float, default=100, help="pause between posts")
    parser.add_argument("--minilm", action="store_true", help="also measure MiniLM")
    args = parser.parse_args()

    items = load()
    test = [i for i in items if i.split == "test"]
    training = [i for i in items if i.split in ("train", "dev")]
    threshold = conf.hold_threshold()

    before = rss_mb()
    start = time.perf_counter()
    default = CombinedScorer([EmbeddingScorer(), RuleScorer()])
    default.score(["warm up"])
    print(
        f"Default scorer: loaded and first score in {time.perf_counter() - start:.2f} s, "
        f"process memory {before:.0f} MB -> {rss_mb():.0f} MB"
    )

    quality(candidates(training, args.minilm), test, threshold)
    recall_by_category(default, test, threshold)
    texts = [i.text for i in test]
    speed(default, texts, args.rounds)
    batching(default, texts, args.per_thread, args.gap_ms)
    print(f"\nProcess memory after the benchmark: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

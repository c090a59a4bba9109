"""
How often the default scorer would hold ordinary comments it was never trained
on: the demo's generated discussion (700 distinct civil comments), scored at the
hold threshold.

    .venv/bin/python benchmarks/toxicity_demo.py
"""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    os.environ.setdefault("PARLEY_VAR_DIR", tempfile.mkdtemp(prefix="parley-tox-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command

    from parley.discussions.models import Comment
    from parley.moderation.scoring import get_scorer, hold_threshold

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    texts = sorted(
        set(
            Comment.objects.filter(status="published").values_list(
                "body_markdown", flat=True
            )
        )
    )
    scorer, threshold = get_scorer(), hold_threshold()
    scores = []
    for start in range(0, len(texts), 32):
        scores += [s.toxicity for s in scorer.score(texts[start : start + 32])]
    held = [(s, t) for s, t in zip(scores, texts, strict=True) if s >= threshold]
    print(
        f"{len(texts)} distinct demo comments; {len(held)} held at {threshold} "
        f"({len(held) / len(texts):.1%}); highest score {max(scores):.2f}"
    )
    for score, text in sorted(held, reverse=True)[:10]:
        print(f"  {score:.2f}  {text[:100]}")


if __name__ == "__main__":
    main()

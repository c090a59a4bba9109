"""High-precision patterns: slurs, coded tropes and veiled threats.

Combined with a model by maximum (see CombinedScorer), a match holds the
comment however the model rates it; no match adds nothing. Matches inside
quotation marks are skipped, because readers quote a slur to condemn it.
"""

from __future__ import annotations

import re
from pathlib import Path

from .base import Scores, Span

SLURS = Path(__file__).parent / "data" / "slurs.txt"
RULE_SCORE = 0.95

# (attribute, pattern). Each is specific enough to be wrong rarely on its own.
PATTERNS: list[tuple[str, str]] = [
    ("threat", r"\bpay (?:him|her|them|you|the \w+) a (?:little |short )?visit\b"),
    ("threat", r"\b(?:would|it'?d) be a (?:shame|pity) if\b"),
    (
        "threat",
        r"\b(?:we|i) know where (?:you|he|she|they|the \w+) (?:lives?|works?)\b",
    ),
    ("threat", r"\bfirst (?:ones? )?against the wall\b"),
    ("threat", r"\bdeserves? the rope\b"),
    ("threat", r"\bput a bullet in\b"),
    ("threat", r"\beinen besuch abstatten\b"),
    ("threat", r"\bwo (?:er|sie|du) wohn(?:t|st)\b"),
    ("threat", r"\boù (?:il|elle|tu) (?:habite|habites|vit)\b"),
    ("threat", r"\brendre (?:une )?(?:petite )?visite à\b"),
    (
        "identity_attack",
        r"\bbreed(?:s|ing)? like (?:rabbits|rats|cockroaches|insects|flies)\b",
    ),
    (
        "identity_attack",
        r"\b(?:multiply|multiplying) like (?:rats|insects|cockroaches)\b",
    ),
    ("identity_attack", r"\bvermehren sich wie\b"),
    ("identity_attack", r"\bse reproduisent comme des\b"),
    ("identity_attack", r"\bgreat replacement\b"),
    ("identity_attack", r"\bkalergi\b"),
    ("identity_attack", r"\bzog\b"),
    ("identity_attack", r"\(\(\(\s*\w+"),
    ("identity_attack", r"\brootless cosmopolitans?\b"),
    ("identity_attack", r"\bhook(?:ed)?[- ]nosed?\b"),
    ("identity_attack", r"\bfinanciers apatrides\b"),
    ("identity_attack", r"\b(?:sub-?human|untermensch\w*)\b"),
    ("identity_attack", r"\bglobalists?\b.{0,40}\b(?:banks?|control\w*|media)\b"),
]

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|„[^“”]*[“”]")


def slur_pattern(path: Path = SLURS) -> str | None:
    """Return one alternation over the slur list (one word a line, plurals match)."""
    words = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    if not words:
        return None
    return r"\b(?:" + "|".join(re.escape(w) for w in words) + r")(?:s|es)?\b"


class RuleScorer:
    """Score RULE_SCORE on any unquoted match, 0 otherwise, with the match as span."""

    name = "rules"

    def __init__(self, extra_patterns: list[tuple[str, str]] = (), slurs=SLURS):
        patterns = [*PATTERNS, *extra_patterns]
        slur = slur_pattern(Path(slurs))
        if slur:
            patterns.append(("identity_attack", slur))
        self.patterns = [(a, re.compile(p, re.IGNORECASE)) for a, p in patterns]

    def score(self, texts: list[str]) -> list[Scores]:
        return [self.score_one(text) for text in texts]

    def score_one(self, text: str) -> Scores:
        quoted = [m.span() for m in _QUOTED.finditer(text)]
        spans = []
        for attribute, pattern in self.patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(a <= start and end <= b for a, b in quoted):
                    continue
                spans.append(Span(start, end, attribute, RULE_SCORE))
        attributes = {"toxicity": RULE_SCORE if spans else 0.0}
        for span in spans:
            attributes[span.attribute] = RULE_SCORE
        return Scores(attributes=attributes, spans=tuple(spans))

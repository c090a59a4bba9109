"""A scorer that asks any server speaking the Perspective API's format.

Perspective itself, or a newsroom's own service behind the same contract:
``POST {url}`` with ``{"comment": {"text": ...}, "languages": [...],
"requestedAttributes": {"TOXICITY": {}, ...}}``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from .base import Scores, ScoringError, Span

# Perspective's attribute names and ours.
ATTRIBUTES = {
    "TOXICITY": "toxicity",
    "INSULT": "insult",
    "IDENTITY_ATTACK": "identity_attack",
    "PROFANITY": "profanity",
    "THREAT": "threat",
}


class PerspectiveScorer:
    """One request per text (the format takes one comment).

    Raise ScoringError when the server fails, so the caller decides.
    """

    name = "perspective"

    def __init__(
        self, url: str | None = None, api_key: str = "", languages=(), timeout=2.0
    ):
        from . import conf

        self.url = url or conf.perspective_url()
        if not self.url:
            raise ScoringError("PerspectiveScorer needs PARLEY_PERSPECTIVE_URL.")
        if not self.url.startswith(("http://", "https://")):
            raise ScoringError(f"Not an HTTP address: {self.url}")
        if api_key:
            joiner = "&" if "?" in self.url else "?"
            self.url += joiner + urllib.parse.urlencode({"key": api_key})
        self.languages = list(languages)
        self.timeout = timeout

    def score(self, texts: list[str]) -> list[Scores]:
        return [self.score_one(text) for text in texts]

    def score_one(self, text: str) -> Scores:
        body = {
            "comment": {"text": text},
            "requestedAttributes": {name: {} for name in ATTRIBUTES},
            "spanAnnotations": True,
        }
        if self.languages:
            body["languages"] = self.languages
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self.url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.load(response)
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise ScoringError(f"Perspective scorer at {self.url}: {error}") from error
        return parse_response(answer)


def parse_response(answer: dict) -> Scores:
    """Return Scores from a Perspective ``attributeScores`` answer."""
    attributes: dict[str, float] = {}
    spans = []
    for remote, values in answer.get("attributeScores", {}).items():
        name = ATTRIBUTES.get(remote, remote.lower())
        attributes[name] = float(values["summaryScore"]["value"])
        spans.extend(
            Span(s["begin"], s["end"], name, float(s["score"]["value"]))
            for s in values.get("spanScores", ())
            if "begin" in s and "end" in s
        )
    if "toxicity" not in attributes:
        raise ScoringError("Perspective answer has no TOXICITY score.")
    return Scores(attributes=attributes, spans=tuple(spans))

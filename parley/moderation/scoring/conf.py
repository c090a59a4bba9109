"""The scoring settings, read when used (each is documented in settings/base.py)."""

from __future__ import annotations

from django.conf import settings

DEFAULT_SCORERS = [
    "parley.moderation.scoring.embedding.EmbeddingScorer",
    "parley.moderation.scoring.rules.RuleScorer",
]
# Calibrated on out-of-fold scores of the built-in scorer (docs/toxicity.md).
DEFAULT_HOLD = 0.55

DEFAULT_HOLD_DESCRIPTIONS = {
    "insult": [
        "a personal insult calling another commenter stupid, an idiot or worthless",
        "mocking and belittling someone's intelligence or appearance",
        "name-calling aimed at a politician's looks, age or body",
    ],
    "identity_attack": [
        "hatred against migrants, Muslims, Jews, Roma or Black people as a group",
        "dehumanising a people as animals, vermin, insects, parasites or a disease",
        "saying an ethnic or religious group is inferior, criminal or does not belong",
        "conspiracy theory that hidden bankers control governments and wars",
        "claim that migrants or Muslims invade, replace or out-breed natives",
    ],
    "threat": [
        "a veiled threat to hurt someone, visit their home or harm their family",
        "wishing that a person dies, is hanged, shot or killed",
        "calling for violence against a politician, judge or journalist",
    ],
}
DEFAULT_ACCEPT_DESCRIPTIONS = [
    "a polite question or thanks about a news article",
    "heated but civil disagreement about politics, arguing that someone is wrong",
    "harsh criticism of a government, minister or president and their policies",
    "news reporting of violence, war, attacks or threats",
    "condemning racism or hate speech by quoting it",
    "a personal story or experience",
]


def scorers() -> list:
    return list(getattr(settings, "PARLEY_TOXICITY_SCORERS", DEFAULT_SCORERS))


def hold_threshold() -> float:
    return float(getattr(settings, "PARLEY_TOXICITY_HOLD", DEFAULT_HOLD))


def reject_threshold() -> float | None:
    value = getattr(settings, "PARLEY_TOXICITY_REJECT", None)
    return None if value is None else float(value)


def batching() -> dict | None:
    return getattr(
        settings, "PARLEY_TOXICITY_BATCHING", {"max_batch": 32, "max_wait_ms": 0}
    )


def perspective_url() -> str:
    return getattr(settings, "PARLEY_PERSPECTIVE_URL", "")


def model_path() -> str:
    return getattr(settings, "PARLEY_TOXICITY_MODEL_PATH", "")


def hold_descriptions() -> dict[str, list[str]]:
    return getattr(
        settings, "PARLEY_TOXICITY_HOLD_DESCRIPTIONS", DEFAULT_HOLD_DESCRIPTIONS
    )


def accept_descriptions() -> list[str]:
    return getattr(
        settings, "PARLEY_TOXICITY_ACCEPT_DESCRIPTIONS", DEFAULT_ACCEPT_DESCRIPTIONS
    )

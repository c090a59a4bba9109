import math

import pytest

from parley.protection.challenge import ChallengeResult
from parley.protection.human import Evidence, human_score

from .support import submission

NOW = 1_900_000_000.0
VALID = ChallengeResult(True, "ok", took=900, number=30_000, maxnumber=50_000)
TYPING = {"elapsed_ms": 41_000, "keys": 140, "pointer": 6, "focus": 3, "pastes": 0}


def _score(evidence: Evidence | None = None, **fields) -> float:
    return human_score(submission(now=NOW, **fields), evidence or Evidence()).score


@pytest.mark.parametrize(
    "case, fields, evidence, low, high",
    [
        (
            "widget post: valid proof, half a minute of typing",
            {"rendered_at": NOW - 41, "signals": TYPING},
            Evidence(solution=VALID),
            0.85,
            1.0,
        ),
        (
            "widget post on a phone: few keys, a touch, no focus change",
            {"signals": {"elapsed_ms": 12_000, "keys": 8, "pointer": 2, "focus": 0}},
            Evidence(solution=VALID),
            0.7,
            1.0,
        ),
        (
            "script: valid proof, no interaction, submit 200 ms after render",
            {"rendered_at": NOW - 0.2, "signals": {}},
            Evidence(solution=VALID),
            0.0,
            0.1,
        ),
        (
            "script that reports zero interaction and waits",
            {
                "rendered_at": NOW - 30,
                "signals": {"keys": 0, "pointer": 0, "focus": 0},
            },
            Evidence(solution=VALID),
            0.0,
            0.49,
        ),
        (
            "script that fetches, solves and posts (no render time given)",
            {"signals": {}},
            Evidence(solution=ChallengeResult(True, "ok", took=40, issued_at=NOW)),
            0.0,
            0.1,
        ),
        (
            "no-JS form post that took a human while",
            {"channel": "form", "rendered_at": NOW - 25},
            Evidence(),
            0.55,
            0.7,
        ),
        (
            "no-JS form post a second after render",
            {"channel": "form", "rendered_at": NOW - 1},
            Evidence(),
            0.0,
            0.1,
        ),
        (
            "honeypot filled by an otherwise plausible client",
            {"rendered_at": NOW - 41, "signals": TYPING, "honeypot": "http://x"},
            Evidence(solution=VALID),
            0.0,
            0.49,
        ),
        (
            "link spam typed into the widget",
            {
                "rendered_at": NOW - 41,
                "signals": TYPING,
                "body": "buy http://a.example http://b.example http://c.example "
                "http://d.example http://e.example",
            },
            Evidence(solution=VALID, repeats=4, posts_from_address=25),
            0.0,
            0.49,
        ),
    ],
)
def test_score_table(case, fields, evidence, low, high):
    assert low <= _score(evidence, **fields) <= high, case


def test_no_evidence_at_all_is_an_even_score_for_a_form():
    assert _score(channel="form") == 0.5


def test_every_signal_is_recorded_and_explains_the_score():
    """The signals' weights add up (in log-odds) to exactly the score."""
    result = human_score(
        submission(now=NOW, rendered_at=NOW - 0.5, signals={"keys": 0}),
        Evidence(solution=VALID),
    )
    detail = result.as_detail()
    assert detail["score"] == result.score
    names = [signal["signal"] for signal in detail["signals"]]
    assert names == ["proof_of_work", "elapsed", "keys", "pointer", "focus"]
    for signal in detail["signals"]:
        assert set(signal) == {"signal", "value", "weight", "note"}
        assert signal["weight"] != 0 and signal["note"]
    total = sum(signal["weight"] for signal in detail["signals"])
    assert result.score == round(1 / (1 + math.exp(-total)), 3)
    elapsed = detail["signals"][1]
    assert elapsed["value"] == 0.5 and elapsed["weight"] <= -3


def test_failed_or_missing_proof_pulls_the_score_down():
    base = {"rendered_at": NOW - 41, "signals": TYPING}
    good = _score(Evidence(solution=VALID), **base)
    assert _score(Evidence(), **base) < good
    failed = ChallengeResult(False, "replayed")
    assert _score(Evidence(solution=failed), **base) < good


def test_solver_faster_than_a_browser_counts_against():
    base = {"rendered_at": NOW - 41, "signals": TYPING}
    native = ChallengeResult(True, "ok", took=3, number=40_000)
    assert _score(Evidence(solution=native), **base) < _score(
        Evidence(solution=VALID), **base
    )


def test_signed_in_history_raises_the_score():
    class Member:
        pk = 7

    base = {"rendered_at": NOW - 3, "signals": {"keys": 3}, "user": Member()}
    guest = _score(Evidence(solution=VALID), **{**base, "user": None})
    newcomer = _score(
        Evidence(solution=VALID, account_age_days=0.1, published_comments=0), **base
    )
    regular = _score(
        Evidence(solution=VALID, account_age_days=400, published_comments=12), **base
    )
    assert newcomer < guest < regular
    assert regular > 0.5


def test_repeated_text_counts_against_except_one_post_anyway():
    base = {"rendered_at": NOW - 41, "signals": TYPING}
    once = _score(Evidence(solution=VALID), **base)
    repeat = _score(Evidence(solution=VALID, repeats=1), **base)
    anyway = _score(Evidence(solution=VALID, repeats=1), post_anyway=True, **base)
    many = _score(Evidence(solution=VALID, repeats=3), post_anyway=True, **base)
    assert many < repeat < once == anyway


def test_post_anyway_soon_after_a_fresh_render_is_not_too_fast():
    """After the second-look prompt the widget's own form time is believed."""
    signals = {**TYPING, "elapsed_ms": 95_000}
    fields = {"rendered_at": NOW - 1, "signals": signals}
    assert _score(Evidence(solution=VALID), post_anyway=True, **fields) > 0.85
    assert _score(Evidence(solution=VALID), **fields) < 0.5


def test_challenge_issue_time_counts_only_when_nothing_else_tells():
    """A widget solves its next challenge after each attempt: its count rules."""
    fresh = ChallengeResult(True, "ok", took=700, number=30_000, issued_at=NOW - 1)
    assert _score(Evidence(solution=fresh), signals=TYPING) > 0.85
    assert _score(Evidence(solution=fresh), signals={"keys": 30}) < 0.5


def test_client_elapsed_does_not_override_the_server_render_time():
    signals = {**TYPING, "elapsed_ms": 60_000}
    assert _score(Evidence(solution=VALID), rendered_at=NOW - 0.3, signals=signals) < (
        _score(Evidence(solution=VALID), rendered_at=NOW - 30, signals=signals)
    )


@pytest.mark.parametrize("junk", [{"keys": "many"}, {"keys": -4}, {"keys": True}])
def test_junk_signals_are_treated_as_absent(junk):
    result = human_score(submission(now=NOW, signals=junk), Evidence(solution=VALID))
    assert "interaction" in [signal.signal for signal in result.signals]


def test_a_quick_edit_of_a_typo_passes():
    """The review saw "CAPTCHA user score failed" for an edit saved a second
    after the edit form opened: a reader fixing a typo."""
    fix = {"elapsed_ms": 1_200, "keys": 7, "pointer": 2, "focus": 1, "pastes": 0}
    assert _score(Evidence(solution=VALID), is_edit=True, signals=fix) > 0.6
    # The same speed for a new comment is still a script's.
    assert _score(Evidence(solution=VALID), signals=fix) < 0.4

import time

import pytest

from parley.protection import challenge
from parley.protection.checks import (
    ChallengeCheck,
    HumanScoreCheck,
    RateLimitCheck,
    text_fingerprint,
)
from tests.factories import make_thread, post

from .support import solve, submission

pytestmark = pytest.mark.django_db

TYPING = {"elapsed_ms": 30_000, "keys": 90, "pointer": 4, "focus": 2}


def _solved() -> str:
    return solve(challenge.issue_challenge(""), took=800)


def test_api_post_without_a_solution_is_refused_with_the_captcha_sentence(store):
    verdict = ChallengeCheck().check(submission(altcha=""))
    assert (verdict.check, verdict.outcome, verdict.code) == (
        "bot_protection",
        "refuse",
        "captcha",
    )
    assert verdict.reason == "Captcha verification failed!"
    assert (verdict.field, verdict.status) == ("altcha", 400)
    assert verdict.detail["reason"] == "missing"


def test_valid_solution_passes_once_and_its_replay_is_refused(store):
    payload = _solved()
    first = ChallengeCheck().check(submission(altcha=payload))
    assert first.outcome == "pass" and first.detail["took"] == 800
    again = ChallengeCheck().check(submission(altcha=payload))
    assert again.outcome == "refuse"
    assert again.reason == "Captcha verification failed!"
    assert again.detail["reason"] == "replayed"


def test_filled_honeypot_is_refused_like_a_failed_captcha(store):
    verdict = ChallengeCheck().check(submission(altcha=_solved(), honeypot="me"))
    assert verdict.outcome == "refuse"
    assert verdict.reason == "Captcha verification failed!"
    assert verdict.code == "captcha"


def test_no_js_form_post_is_held_not_refused(store):
    verdict = ChallengeCheck().check(submission(channel="form", altcha=""))
    assert verdict.outcome == "hold"
    assert verdict.reason == "Posted without JavaScript: no proof of work"


def test_form_post_with_a_bad_solution_is_refused(store):
    verdict = ChallengeCheck().check(submission(channel="form", altcha="bad"))
    assert verdict.outcome == "refuse"


def test_widget_post_passes_the_human_score_with_its_signals(store):
    payload = _solved()
    ChallengeCheck().check(submission(altcha=payload))  # spends it first
    verdict = HumanScoreCheck().check(submission(altcha=payload, signals=TYPING))
    assert verdict.check == "human_score" and verdict.outcome == "pass"
    assert verdict.score > 0.8
    assert verdict.detail["threshold"] == 0.5
    assert {s["signal"] for s in verdict.detail["signals"]} >= {
        "proof_of_work",
        "keys",
        "elapsed",
    }


def test_scripted_api_post_is_refused_with_the_score_sentence(store):
    now = time.time()
    verdict = HumanScoreCheck().check(
        submission(altcha=_solved(), rendered_at=now - 0.2, now=now)
    )
    assert verdict.outcome == "refuse"
    assert verdict.reason == "CAPTCHA user score failed. Please contact us!"
    assert (verdict.code, verdict.field, verdict.status) == ("score", "altcha", 400)
    assert verdict.score < 0.5
    assert verdict.detail["signals"]


def test_low_scoring_form_post_is_held(store):
    now = time.time()
    verdict = HumanScoreCheck().check(
        submission(channel="form", rendered_at=now - 0.5, now=now)
    )
    assert verdict.outcome == "hold"
    assert verdict.score < 0.5


def test_threshold_is_a_setting(store, settings):
    settings.PARLEY_HUMAN_SCORE_THRESHOLD = 0.99
    verdict = HumanScoreCheck().check(submission(altcha=_solved(), signals=TYPING))
    assert verdict.outcome == "refuse"


def test_the_same_text_again_from_one_reader_is_a_signal(store):
    body = "Exactly   the same words.\n"
    check = HumanScoreCheck()
    first = check.check(submission(body=body, signals=TYPING))
    second = check.check(submission(body="exactly the same WORDS.", signals=TYPING))
    assert "repeated_text" not in {s["signal"] for s in first.detail["signals"]}
    assert "repeated_text" in {s["signal"] for s in second.detail["signals"]}
    assert text_fingerprint(body) == text_fingerprint("exactly the same WORDS.")


def test_published_history_of_a_signed_in_author_counts(store, reader_user):
    thread = make_thread()
    for n in range(5):
        post(thread, f"Comment {n}", name="", user=reader_user)
    verdict = HumanScoreCheck().check(
        submission(user=reader_user, identity=f"u:{reader_user.pk}", signals=TYPING)
    )
    history = [s for s in verdict.detail["signals"] if s["signal"] == "history"]
    assert history and history[0]["value"] == 5


def test_rate_limit_check_refuses_with_429_and_retry_after(store, settings):
    settings.PARLEY_RATE_LIMITS = {"comment": "2/minute", "thread": ""}
    check = RateLimitCheck()
    thread = object()
    assert check.check(submission(thread=thread)) is None
    assert check.check(submission(thread=thread)) is None
    verdict = check.check(submission(thread=thread))
    assert (verdict.check, verdict.outcome, verdict.status, verdict.code) == (
        "rate_limit",
        "refuse",
        429,
        "rate_limited",
    )
    assert 1 <= verdict.retry_after <= 60
    assert verdict.detail["action"] == "comment"
    # Edits are not new comments.
    assert check.check(submission(thread=thread, is_edit=True)) is None


def test_new_threads_count_against_the_thread_limit(store, settings):
    settings.PARLEY_RATE_LIMITS = {"comment": "100/minute", "thread": "1/hour"}
    check = RateLimitCheck()
    assert check.check(submission(thread=None)) is None
    verdict = check.check(submission(thread=None))
    assert verdict.outcome == "refuse" and verdict.detail["action"] == "thread"
    assert check.check(submission(thread=object())) is None

"""
A human-likelihood score in 0..1, in the manner of reCAPTCHA v3, that explains
itself.

Each signal adds a weight in log-odds (positive: more human) and the score is
the logistic of their sum, so 0.5 means "no evidence either way" and every
weight can be read on its own. Every signal that moved the score is kept with
its value, weight and a note for moderators.

The weights are set so that:
- a post from the widget (valid proof of work, some seconds of typing) lands
  well above 0.5 (about 0.9 and up);
- a script with a valid proof of work that sends nothing about interaction and
  posts 200 ms after the form appeared lands far below it (about 0.02), and
  still below it when it waits (about 0.4);
- a no-JavaScript form post, which cannot solve a challenge or report
  signals, is judged on its timing and history alone (about 0.6 when it took
  a human while): the checks hold such posts rather than refuse them.
"""

import math
import re
from dataclasses import asdict, dataclass, field

from .challenge import ChallengeResult

LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)


@dataclass(frozen=True)
class Signal:
    signal: str
    value: object
    weight: float
    note: str


@dataclass(frozen=True)
class HumanScore:
    score: float
    signals: tuple[Signal, ...] = ()

    def as_detail(self) -> dict:
        """Return the JSON-able record moderators are shown."""
        return {
            "score": self.score,
            "signals": [asdict(signal) for signal in self.signals],
        }


@dataclass(frozen=True)
class Evidence:
    """What the checks learned about a submission beyond its own fields."""

    solution: ChallengeResult | None = None  # None: no payload was sent
    posts_from_address: int = 0  # this hour, this post included
    posts_from_identity: int = 0
    repeats: int = 0  # earlier times this text came from this address/identity
    account_age_days: float | None = None  # None for guests
    published_comments: int | None = None  # None for guests
    is_staff: bool = False


@dataclass
class _Tally:
    signals: list[Signal] = field(default_factory=list)

    def add(self, signal: str, value: object, weight: float, note: str) -> None:
        if weight:
            self.signals.append(Signal(signal, value, weight, note))


def human_score(submission, evidence: Evidence) -> HumanScore:
    """Return the human score of a Submission, with the signals that moved it."""
    tally = _Tally()
    widget = submission.channel != "form"
    _proof_of_work(tally, evidence.solution, widget, submission.signals or {})
    _timing(tally, submission, evidence.solution, widget)
    if widget:
        _interaction(tally, submission.signals or {}, len(submission.body.strip()))
    if submission.honeypot:
        tally.add("honeypot", True, -4.0, "filled in the field people cannot see")
    _volume(tally, evidence, submission)
    _links(tally, submission.body)
    _account(tally, evidence, submission.user)
    total = sum(signal.weight for signal in tally.signals)
    score = 1 / (1 + math.exp(-total))
    return HumanScore(round(score, 3), tuple(tally.signals))


def _proof_of_work(tally, solution, widget: bool, signals: dict) -> None:
    if solution is None:
        if widget:
            tally.add("proof_of_work", "missing", -2.0, "no proof of work sent")
        return
    if not solution.ok:
        tally.add("proof_of_work", solution.reason, -2.0, "proof of work failed")
        return
    tally.add("proof_of_work", "valid", 1.0, "valid proof of work")
    took = solution.took if solution.took is not None else _number(signals, "solve_ms")
    if took is not None and solution.number and solution.number >= 20_000:
        # A browser's worker manages a few hundred hashes per millisecond;
        # far more means a native or GPU solver.
        rate = solution.number / max(took, 1)
        if rate > 5_000:
            tally.add(
                "solve_rate",
                round(rate),
                -0.75,
                f"solved at {round(rate)} hashes/ms, faster than a browser",
            )


def _timing(tally, submission, solution, widget: bool) -> None:
    """
    Weigh the time from the form appearing to the submit: by the server's own
    render time when the form carries one, else by the widget's count, else
    (a client that reports nothing) by when its challenge was issued.
    """
    elapsed, source = None, ""
    if submission.rendered_at is not None:
        elapsed, source = submission.now - submission.rendered_at, "form render"
    client = _number(submission.signals or {}, "elapsed_ms")
    # After the second-look prompt, which a reader may answer at once, the
    # widget's count of the whole visit is believed over a fresh render time.
    if client is not None and (
        elapsed is None or (submission.post_anyway and client / 1000 > elapsed)
    ):
        elapsed, source = client / 1000, "widget"
    if elapsed is None and solution is not None and solution.issued_at:
        elapsed, source = submission.now - solution.issued_at, "challenge issue"
    if elapsed is None:
        if widget:
            tally.add("elapsed", None, -0.5, "no time from form to submit")
        return
    seconds = round(elapsed, 1)
    if submission.is_edit and elapsed < 5:
        # Its author's comment passed the intake already, and fixing a typo
        # takes a second: a quick edit is mildly suspect, never damning.
        weight, note = -0.5, f"edited {seconds} s after {source}: under 5 s"
    elif elapsed < 2:
        weight, note = -3.0, f"submitted {seconds} s after {source}: under 2 s"
    elif elapsed < 5:
        weight, note = -1.0, f"submitted {seconds} s after {source}: under 5 s"
    elif elapsed <= 6 * 3600:
        weight, note = 0.5, f"submitted {seconds} s after {source}"
    else:
        weight, note = 0.0, ""
    tally.add("elapsed", seconds, weight, note)


def _interaction(tally, signals: dict, length: int) -> None:
    reported = {
        name: _number(signals, name) for name in ("keys", "pointer", "focus", "pastes")
    }
    if all(value is None for value in reported.values()):
        tally.add("interaction", None, -1.5, "no interaction signals reported")
        return
    keys = round(reported["keys"] or 0)
    pastes = round(reported["pastes"] or 0)
    if keys == 0:
        if pastes:
            tally.add("keys", 0, -0.5, "no key presses; the text was pasted")
        else:
            tally.add("keys", 0, -1.5, "no key presses")
    elif keys >= 50 or keys >= length / 2:
        tally.add("keys", keys, 1.0, "typed the comment")
    else:
        tally.add("keys", keys, 0.5, "some typing")
    for name, label in (("pointer", "pointer or touch"), ("focus", "focus")):
        value = round(reported[name] or 0)
        if value > 0:
            tally.add(name, value, 0.25, f"{label} events")
        else:
            tally.add(name, 0, -0.25, f"no {label} events")


def _volume(tally, evidence: Evidence, submission) -> None:
    for name, count in (
        ("address_rate", evidence.posts_from_address),
        ("identity_rate", evidence.posts_from_identity),
    ):
        if count > 20:
            tally.add(name, count, -1.0, f"{count} posts this hour")
        elif count > 10:
            tally.add(name, count, -0.5, f"{count} posts this hour")
    if submission.is_edit or not evidence.repeats:
        return
    if evidence.repeats >= 2:
        tally.add("repeated_text", evidence.repeats, -1.5, "same text sent repeatedly")
    elif not submission.post_anyway:
        # Posting again after the second-look prompt repeats the text by design.
        tally.add("repeated_text", 1, -0.5, "same text sent recently")


def _links(tally, body: str) -> None:
    links = len(LINK.findall(body))
    if not links:
        return
    words = max(1, len(body.split()))
    if links >= 5 or links / words > 0.2:
        tally.add("links", links, -1.5, f"{links} links in {words} words")
    elif links >= 3:
        tally.add("links", links, -0.75, f"{links} links")
    else:
        tally.add("links", links, -0.25, f"{links} link(s)")


def _account(tally, evidence: Evidence, user) -> None:
    if user is None:
        return
    if evidence.is_staff:
        tally.add("staff", True, 2.0, "staff account")
    age = evidence.account_age_days
    if age is not None:
        if age >= 30:
            tally.add("account_age", round(age), 0.75, "account older than 30 days")
        elif age >= 2:
            tally.add("account_age", round(age, 1), 0.25, "account older than 2 days")
        elif age < 1:
            tally.add("account_age", round(age, 2), -0.25, "account created today")
    published = evidence.published_comments or 0
    if published >= 5:
        tally.add("history", published, 1.5, f"{published} published comments")
    elif published >= 1:
        tally.add("history", published, 0.75, f"{published} published comment(s)")


def _number(signals: dict, name: str) -> float | None:
    value = signals.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or value < 0:
        return None
    return float(value)

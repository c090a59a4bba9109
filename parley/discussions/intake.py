"""
The intake: what decides whether a new or edited comment is published, held for
review, rejected, or refused outright, and records why.

Discussions run the checks but know none of them: the setting
PARLEY_INTAKE_CHECKS lists them by dotted path, in order, as
AUTH_PASSWORD_VALIDATORS does, and the outer apps (protection, moderation) fill
it. A check looks at a Submission and returns a Verdict, or None when it has
nothing to say.
"""

import time
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .errors import DiscussionError


class Outcome:
    PASS = "pass"  # noqa: S105 (a verdict, not a password)
    HOLD = "hold"
    REJECT = "reject"
    REFUSE = "refuse"


@dataclass(frozen=True)
class IntakeContext:
    """How a submission arrived: everything about it that is not the comment."""

    identity: str = ""
    address_hash: str = ""
    channel: str = "api"  # "api" (the widget or any client) or "form" (no JS)
    altcha: str = ""
    honeypot: str = ""
    rendered_at: float | None = None
    signals: dict = field(default_factory=dict)
    post_anyway: bool = False
    now: float = field(default_factory=time.time)
    # Set by trusted callers (imports, commands, staff tools) to skip the
    # checks that judge a reader's browser; content rules still apply.
    trusted: bool = False


@dataclass(frozen=True)
class Submission:
    """A comment about to be written, as the checks see it. Read-only."""

    thread: Any  # Thread, or None for an external thread its comment would create
    thread_key: str
    parent: Any  # Comment | None
    body: str
    author_name: str
    author_email: str
    author_website: str
    user: Any  # the signed-in author, or None
    is_edit: bool
    comment: Any  # the comment being edited, or None
    context: IntakeContext

    # The contract's flat names, so checks read submission.altcha and the like.
    def __getattr__(self, name: str):
        return getattr(self.context, name)


@dataclass
class Verdict:
    """One check's word on a submission."""

    check: str
    outcome: str = Outcome.PASS
    reason: str = ""
    score: float | None = None
    detail: dict = field(default_factory=dict)
    field: str = "altcha"
    status: int = 400
    retry_after: int | None = None
    code: str = ""
    # What the author is told when this verdict holds their comment ("reason"
    # is for moderators): a reader-facing sentence, or "" to say nothing more.
    notice: str = ""


@dataclass
class Decision:
    """What the intake decided, with every verdict that led there."""

    status: str  # a Comment.Status value: published, pending or rejected
    verdicts: list[Verdict]

    @property
    def toxicity(self) -> float | None:
        return self._score("toxicity")

    @property
    def human_score(self) -> float | None:
        return self._score("human_score")

    def _score(self, check: str) -> float | None:
        return next((v.score for v in self.verdicts if v.check == check), None)

    def as_record(self) -> dict:
        """Return the JSON kept with the comment (Comment.intake); a verdict's
        notice is kept as the sentence it is in the author's language."""
        return {
            "decision": self.status,
            "verdicts": [
                {
                    key: str(value) if key == "notice" else value
                    for key, value in asdict(verdict).items()
                    if key in ("check", "outcome", "reason", "score", "detail")
                    or (key == "notice" and value)
                }
                for verdict in self.verdicts
            ],
        }


class Check(Protocol):
    name: str

    def check(self, submission: Submission) -> Verdict | None: ...


@cache
def _load_checks(paths: tuple[str, ...]) -> tuple[Check, ...]:
    return tuple(import_string(path)() for path in paths)


def configured_checks() -> tuple[Check, ...]:
    return _load_checks(tuple(getattr(settings, "PARLEY_INTAKE_CHECKS", ())))


# Refusals after which the reader is pointed to the newsroom's address.
CONTACT_CODES = ("score", "banned")


class IntakeRefusal(DiscussionError):
    """A submission refused outright: a failed challenge, a limit, a ban."""

    def __init__(self, verdict: Verdict):
        headers = {}
        if verdict.retry_after is not None:
            headers["Retry-After"] = str(verdict.retry_after)
        extra = {}
        if verdict.code in CONTACT_CODES:
            extra["contact"] = settings.SITE_CONTACT_EMAIL
        super().__init__(
            {verdict.field: verdict.reason},
            status=verdict.status,
            code=verdict.code,
            headers=headers,
            extra=extra,
        )
        self.verdict = verdict


def run_intake(
    submission: Submission, *, checks: tuple[Check, ...] | None = None
) -> Decision:
    """
    Run every check in order and decide. A refusal stops at once and raises
    IntakeRefusal; otherwise any reject rejects, any hold holds.
    """
    if submission.context.trusted:
        return Decision(
            status="published",
            verdicts=[
                Verdict("trusted", reason="Written by the newsroom's own tools.")
            ],
        )
    verdicts: list[Verdict] = []
    for check in configured_checks() if checks is None else checks:
        verdict = check.check(submission)
        if verdict is None:
            continue
        if verdict.outcome == Outcome.REFUSE:
            raise IntakeRefusal(verdict)
        verdicts.append(verdict)
    outcomes = {verdict.outcome for verdict in verdicts}
    if Outcome.REJECT in outcomes:
        status = "rejected"
    elif Outcome.HOLD in outcomes:
        status = "pending"
    else:
        status = "published"
    return Decision(status=status, verdicts=verdicts)

"""
The protection app's intake checks, listed by dotted path in PARLEY_INTAKE_CHECKS:

    "parley.protection.checks.RateLimitCheck",
    "parley.protection.checks.ChallengeCheck",
    "parley.protection.checks.HumanScoreCheck",

Each takes a Submission and returns a Verdict (or None when it has nothing to
say). Readers see only the sentences below; moderators see the detail.
"""

import hashlib
import re

from django.utils.translation import gettext_lazy as _

from parley.discussions.intake import Submission, Verdict
from parley.discussions.models import Comment

from . import challenge, conf, ratelimits
from .human import Evidence, human_score

CAPTCHA_FAILED = _("Captcha verification failed!")
SCORE_FAILED = _("CAPTCHA user score failed. Please contact us!")
RATE_LIMITED = _("You are posting too quickly. Please wait a little and try again.")
# For moderators, stored with the held comment.
NO_PROOF_OF_WORK = "Posted without JavaScript: no proof of work"
# For its author, shown with it while it is held (Verdict.notice).
REVIEWED_WITHOUT_JS = _(
    "Comments sent without JavaScript are checked by a moderator before they appear."
)
# Repeated text is remembered this long.
REPEAT_WINDOW = 3600


class RateLimitCheck:
    """Refuse (429) a new comment or thread beyond the address's or reader's limit."""

    name = "rate_limit"

    def check(self, submission: Submission) -> Verdict | None:
        if submission.is_edit:
            return None
        actions = ["comment"]
        if submission.thread is None:
            actions.append("thread")
        for action in actions:
            limited = ratelimits.hit(
                action, submission.address_hash, submission.identity
            )
            if limited is not None:
                return Verdict(
                    check=self.name,
                    outcome="refuse",
                    reason=str(RATE_LIMITED),
                    detail={
                        "action": limited.action,
                        "limit": limited.limit,
                        "retry_after": limited.retry_after,
                    },
                    field="__all__",
                    status=429,
                    retry_after=limited.retry_after,
                    code="rate_limited",
                )
        return None


class ChallengeCheck:
    """
    Refuse a post whose honeypot is filled or whose proof of work fails (and
    spend the solution); hold a no-JavaScript form post that has none.
    """

    name = "bot_protection"

    def check(self, submission: Submission) -> Verdict:
        if submission.honeypot:
            # The same sentence as a failed captcha: bots learn nothing.
            return self._refuse({"honeypot": True})
        if submission.channel == "form" and not submission.altcha:
            return Verdict(
                check=self.name,
                outcome="hold",
                reason=NO_PROOF_OF_WORK,
                detail={"channel": "form"},
                notice=REVIEWED_WITHOUT_JS,
            )
        result = challenge.verify_solution(submission.altcha, now=submission.now)
        if not result.ok:
            return self._refuse(result.as_detail())
        return Verdict(check=self.name, outcome="pass", detail=result.as_detail())

    def _refuse(self, detail: dict) -> Verdict:
        return Verdict(
            check=self.name,
            outcome="refuse",
            reason=str(CAPTCHA_FAILED),
            detail=detail,
            field="altcha",
            status=400,
            code="captcha",
        )


class HumanScoreCheck:
    """
    Score how human a post looks; under PARLEY_HUMAN_SCORE_THRESHOLD refuse an
    API post and hold a form post. The signals are kept in the detail always.
    """

    name = "human_score"

    def check(self, submission: Submission) -> Verdict:
        score = human_score(submission, gather_evidence(submission))
        detail = score.as_detail()
        threshold = conf.human_score_threshold()
        detail["threshold"] = threshold
        if score.score >= threshold:
            return Verdict(self.name, "pass", score=score.score, detail=detail)
        if submission.channel == "form":
            return Verdict(
                self.name,
                "hold",
                reason=f"Human score {score.score} is under {threshold}",
                score=score.score,
                detail=detail,
                notice=REVIEWED_WITHOUT_JS,
            )
        return Verdict(
            self.name,
            "refuse",
            reason=str(SCORE_FAILED),
            score=score.score,
            detail=detail,
            field="altcha",
            status=400,
            code="score",
        )


def gather_evidence(submission: Submission) -> Evidence:
    """
    Collect what the score needs beyond the submission: the proof it carries
    (checked, not spent again), posting volume, repeats and the account.
    """
    solution = None
    if submission.altcha:
        solution = challenge.verify_solution(
            submission.altcha, spend=False, now=submission.now
        )
    keys = [key for key in (submission.address_hash, submission.identity) if key]
    repeats = 0
    if keys and not submission.is_edit:
        fingerprint = text_fingerprint(submission.body)
        with ratelimits.batched_writes():
            repeats = max(
                ratelimits.tally("text", f"{fingerprint}/{key}", REPEAT_WINDOW) - 1
                for key in keys
            )
    evidence = {
        "solution": solution,
        "posts_from_address": ratelimits.usage("comment", submission.address_hash),
        "posts_from_identity": ratelimits.usage("comment", submission.identity),
        "repeats": repeats,
    }
    user = submission.user
    if user is not None and user.pk is not None:
        evidence["account_age_days"] = max(
            0.0, (submission.now - user.date_joined.timestamp()) / 86400
        )
        evidence["published_comments"] = Comment.objects.filter(
            user=user, status="published"
        ).count()
        evidence["is_staff"] = bool(user.is_staff)
    return Evidence(**evidence)


def text_fingerprint(body: str) -> str:
    """Return a short hash of a text with case and spacing folded."""
    folded = re.sub(r"\s+", " ", body).strip().casefold()
    return hashlib.sha256(folded.encode()).hexdigest()[:16]
